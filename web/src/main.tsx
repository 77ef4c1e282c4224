// The entry is kept small so that it runs the moment it arrives: it starts the page's first
// requests (early_requests.ts), then loads the application, whose larger code compiles while
// those requests are answered. Measured in bench/media-pipeline (page load to a video's first frame).
import './shell/early_requests.ts';
import './shell/shell.css';
import './ui/ui.css';

import('./shell/app.tsx').catch(() => {
  // A new version was deployed between loading this page and its application: reloading fetches
  // the page that matches the server's files.
  const root = document.getElementById('root');
  if (root) root.textContent = 'SkillNexus could not load. Reload the page to try again.';
});
