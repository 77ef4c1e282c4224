// The client-side route table: every page, who may see it and its title.
import type { ReactNode } from 'react';
import { AccountPage, MfaPage } from '../account/pages.tsx';
import { AuditPage } from '../admin/audit.tsx';
import { GroupPage, GroupsPage } from '../admin/groups.tsx';
import { SettingsPage } from '../admin/settings.tsx';
import { ImportUsersPage, UsersPage } from '../admin/users.tsx';
import { CatalogPage, CourseDetailPage } from '../courses/catalog.tsx';
import { CourseEditorPage, InstructorCoursesPage } from '../courses/editor.tsx';
import { SkillsAdminPage } from '../courses/skills.tsx';
import { MyCertificatesPage, VerifyPage } from '../certificates/pages.tsx';
import { InstructorPathsPage, MySkillsPage, PathEditorPage, PathPage, PathsCatalogPage } from '../paths/pages.tsx';
import { ForgotPasswordPage, SetPasswordPage, SignInPage, SignUpPage, VerifyEmailPage } from '../auth/pages.tsx';
import { LearnCoursePage } from '../learn/course.tsx';
import { DashboardPage } from '../learn/dashboard.tsx';
import { LearnersPage } from '../learn/learners.tsx';
import { LessonPage } from '../learn/lesson.tsx';
import { MediaLibraryPage } from '../media/library.tsx';
import { QuizEditorPage } from '../quizzes/editor.tsx';
import { QuizPage } from '../quizzes/take.tsx';
import { Link } from './Link.tsx';
import type { RouteDef } from './navigation.ts';

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
