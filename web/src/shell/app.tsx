// The application: React, the shell and its pages, rendered into #root. main.tsx loads this
// module after it has started the page's first requests.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setPathPreparer } from './navigation.ts';
import { preloadPage } from './routes.tsx';
import { Shell } from './Shell.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Every page renders once its code is loaded, the first one too (a page whose code fails to load
// shows the shell's error in its place).
setPathPreparer(preloadPage);
const render = () =>
  createRoot(root).render(
    <StrictMode>
      <Shell />
    </StrictMode>,
  );
preloadPage(window.location.pathname).then(render, render);
