// The client-side route table: every page, who may see it and its title.
import { isValidElement, lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { Link } from './Link.tsx';
import { matchRoute, type RouteDef } from './navigation.ts';

// Every page's code is its own chunk, loaded when the page is first shown: opening one page does
// not wait for the code of all the others. Until a page's code is there, the shell shows
// "Loading…"; preloadPage() lets the first page, and the next one on each navigation, render
// straight away instead, without a "Loading…" flashing in between.
type LazyPage<Props> = LazyExoticComponent<ComponentType<Props>> & { preload(): Promise<unknown> };

function lazyPage<Props extends object>(load: () => Promise<ComponentType<Props>>): LazyPage<Props> {
  type Module = { default: ComponentType<Props> };
  let loaded: Module | undefined;
  let loading: Promise<Module> | undefined;
  const preload = () => (loading ??= load().then((component) => (loaded = { default: component })));
  // lazy() takes a thenable that is already resolved synchronously: no suspending once loaded.
  const resolved = (module: Module) => ({ then: (use: (m: Module) => void) => use(module) }) as unknown as Promise<Module>;
  return Object.assign(
    lazy(() => (loaded ? resolved(loaded) : preload())),
    { preload },
  );
}

const AccountPage = lazyPage(() => import('../account/pages.tsx').then((m) => m.AccountPage));
const AuditPage = lazyPage(() => import('../admin/audit.tsx').then((m) => m.AuditPage));
const CatalogPage = lazyPage(() => import('../courses/catalog.tsx').then((m) => m.CatalogPage));
const CourseDetailPage = lazyPage(() => import('../courses/catalog.tsx').then((m) => m.CourseDetailPage));
const CourseEditorPage = lazyPage(() => import('../courses/editor.tsx').then((m) => m.CourseEditorPage));
const DashboardPage = lazyPage(() => import('../learn/dashboard.tsx').then((m) => m.DashboardPage));
const ForgotPasswordPage = lazyPage(() => import('../auth/pages.tsx').then((m) => m.ForgotPasswordPage));
const GroupPage = lazyPage(() => import('../admin/groups.tsx').then((m) => m.GroupPage));
const GroupsPage = lazyPage(() => import('../admin/groups.tsx').then((m) => m.GroupsPage));
const ImportUsersPage = lazyPage(() => import('../admin/users.tsx').then((m) => m.ImportUsersPage));
const InstructorCoursesPage = lazyPage(() => import('../courses/editor.tsx').then((m) => m.InstructorCoursesPage));
const InstructorPathsPage = lazyPage(() => import('../paths/pages.tsx').then((m) => m.InstructorPathsPage));
const LearnCoursePage = lazyPage(() => import('../learn/course.tsx').then((m) => m.LearnCoursePage));
const LearnersPage = lazyPage(() => import('../learn/learners.tsx').then((m) => m.LearnersPage));
const LessonPage = lazyPage(() => import('../learn/lesson.tsx').then((m) => m.LessonPage));
const MediaLibraryPage = lazyPage(() => import('../media/library.tsx').then((m) => m.MediaLibraryPage));
const MfaPage = lazyPage(() => import('../account/pages.tsx').then((m) => m.MfaPage));
const MyCertificatesPage = lazyPage(() => import('../certificates/pages.tsx').then((m) => m.MyCertificatesPage));
const MySkillsPage = lazyPage(() => import('../paths/pages.tsx').then((m) => m.MySkillsPage));
const PathEditorPage = lazyPage(() => import('../paths/pages.tsx').then((m) => m.PathEditorPage));
const PathPage = lazyPage(() => import('../paths/pages.tsx').then((m) => m.PathPage));
const PathsCatalogPage = lazyPage(() => import('../paths/pages.tsx').then((m) => m.PathsCatalogPage));
const QuizEditorPage = lazyPage(() => import('../quizzes/editor.tsx').then((m) => m.QuizEditorPage));
const QuizPage = lazyPage(() => import('../quizzes/take.tsx').then((m) => m.QuizPage));
const SetPasswordPage = lazyPage(() => import('../auth/pages.tsx').then((m) => m.SetPasswordPage));
const SettingsPage = lazyPage(() => import('../admin/settings.tsx').then((m) => m.SettingsPage));
const SignInPage = lazyPage(() => import('../auth/pages.tsx').then((m) => m.SignInPage));
const SignUpPage = lazyPage(() => import('../auth/pages.tsx').then((m) => m.SignUpPage));
const SkillsAdminPage = lazyPage(() => import('../courses/skills.tsx').then((m) => m.SkillsAdminPage));
const UsersPage = lazyPage(() => import('../admin/users.tsx').then((m) => m.UsersPage));
const VerifyEmailPage = lazyPage(() => import('../auth/pages.tsx').then((m) => m.VerifyEmailPage));
const VerifyPage = lazyPage(() => import('../certificates/pages.tsx').then((m) => m.VerifyPage));

export type PageRender = (params: Record<string, string>) => ReactNode;

function Welcome() {
  return (
    <section aria-labelledby="welcome-heading" className="card">
      <h2 id="welcome-heading">Welcome</h2>
      <p>SkillNexus is where you learn new skills, practise them and follow your progress.</p>
      <ul>
        <li>
          <Link to="/catalog">Browse the course catalog</Link>
        </li>
        <li>
          <Link to="/paths">Follow a learning path</Link>
        </li>
        <li>
          <Link to="/learn">Continue where you left off</Link>
        </li>
      </ul>
    </section>
  );
}

export const ROUTES: readonly RouteDef<PageRender>[] = [
  { pattern: '/', access: 'anyone', title: 'SkillNexus', page: () => <Welcome /> },
  { pattern: '/index.html', access: 'anyone', title: 'SkillNexus', page: () => <Welcome /> },
  { pattern: '/sign-in', access: 'anyone', title: 'Sign in', page: () => <SignInPage /> },
  { pattern: '/sign-up', access: 'signed_out', title: 'Create an account', page: () => <SignUpPage /> },
  { pattern: '/verify-email', access: 'anyone', title: 'Verify your email address', page: () => <VerifyEmailPage /> },
  { pattern: '/forgot-password', access: 'anyone', title: 'Forgot your password', page: () => <ForgotPasswordPage /> },
  { pattern: '/reset-password', access: 'anyone', title: 'Choose a new password', page: () => <SetPasswordPage reset /> },
  { pattern: '/set-password', access: 'anyone', title: 'Choose your password', page: () => <SetPasswordPage reset={false} /> },
  { pattern: '/account', access: 'signed_in', title: 'Your account', page: () => <AccountPage /> },
  { pattern: '/account/mfa', access: 'signed_in', title: 'Two-factor authentication', page: () => <MfaPage /> },
  { pattern: '/learn', access: 'signed_in', title: 'My learning', page: () => <DashboardPage /> },
  { pattern: '/learn/courses/:id', access: 'signed_in', title: 'Course', page: (params) => <LearnCoursePage id={params.id ?? ''} /> },
  { pattern: '/learn/lessons/:id', access: 'signed_in', title: 'Lesson', page: (params) => <LessonPage id={params.id ?? ''} /> },
  {
    pattern: '/instructor/courses/:id/learners',
    access: 'signed_in',
    title: 'Learners',
    page: (params) => <LearnersPage id={params.id ?? ''} />,
  },
  { pattern: '/admin/users', access: 'admin', title: 'Users', page: () => <UsersPage /> },
  { pattern: '/admin/users/import', access: 'admin', title: 'Import users', page: () => <ImportUsersPage /> },
  { pattern: '/admin/groups', access: 'admin', title: 'Groups', page: () => <GroupsPage /> },
  { pattern: '/admin/groups/:id', access: 'admin', title: 'Group', page: (params) => <GroupPage id={params.id ?? ''} /> },
  { pattern: '/admin/audit', access: 'admin', title: 'Audit log', page: () => <AuditPage /> },
  { pattern: '/admin/settings', access: 'admin', title: 'Platform settings', page: () => <SettingsPage /> },
  { pattern: '/catalog', access: 'anyone', title: 'Course catalog', page: () => <CatalogPage /> },
  { pattern: '/courses/:slug', access: 'anyone', title: 'Course', page: (params) => <CourseDetailPage slug={params.slug ?? ''} /> },
  { pattern: '/instructor/courses', access: 'signed_in', title: 'Your courses', page: () => <InstructorCoursesPage /> },
  { pattern: '/instructor/courses/:id', access: 'signed_in', title: 'Edit course', page: (params) => <CourseEditorPage id={params.id ?? ''} /> },
  { pattern: '/media', access: 'signed_in', title: 'Media library', page: () => <MediaLibraryPage /> },
  { pattern: '/admin/skills', access: 'admin', title: 'Skills', page: () => <SkillsAdminPage /> },
  { pattern: '/learn/quizzes/:lessonId', access: 'signed_in', title: 'Quiz', page: (params) => <QuizPage lessonId={params.lessonId ?? ''} /> },
  {
    pattern: '/instructor/courses/:id/quizzes/:lessonId',
    access: 'signed_in',
    title: 'Quiz editor',
    page: (params) => <QuizEditorPage courseId={params.id ?? ''} lessonId={params.lessonId ?? ''} />,
  },
  { pattern: '/verify/:code', access: 'anyone', title: 'Verify a certificate', page: (params) => <VerifyPage code={params.code ?? ''} /> },
  { pattern: '/learn/certificates', access: 'signed_in', title: 'My certificates', page: () => <MyCertificatesPage /> },
  { pattern: '/learn/skills', access: 'signed_in', title: 'My skills', page: () => <MySkillsPage /> },
  { pattern: '/paths', access: 'anyone', title: 'Learning paths', page: () => <PathsCatalogPage /> },
  { pattern: '/paths/:slug', access: 'anyone', title: 'Learning path', page: (params) => <PathPage slug={params.slug ?? ''} /> },
  { pattern: '/instructor/paths', access: 'signed_in', title: 'My learning paths', page: () => <InstructorPathsPage /> },
  { pattern: '/instructor/paths/:id', access: 'signed_in', title: 'Edit learning path', page: (params) => <PathEditorPage id={params.id ?? ''} /> },
];

export function NotFound({ pathname }: { pathname: string }) {
  return (
    <section aria-labelledby="notfound-heading" className="card">
      <h2 id="notfound-heading">Page not found</h2>
      <p>
        There is nothing at <code className="path">{pathname}</code> yet.
      </p>
      <p>
        <Link to="/">Back to the home page</Link>
      </p>
    </section>
  );
}

/** Loads the code of the page at `pathname`; resolves when it can render without suspending. */
export function preloadPage(pathname: string): Promise<unknown> {
  const match = matchRoute(ROUTES, pathname);
  const element = match?.route.page(match.params);
  const type: unknown = isValidElement(element) ? element.type : undefined;
  const preload = (type as Partial<LazyPage<object>> | undefined)?.preload;
  return preload ? preload() : Promise.resolve();
}
