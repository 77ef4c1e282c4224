// Where a page shows while its code loads, and what shows instead when that code cannot load (the
// server was updated since this page was opened, or the network failed): the rest of the shell
// keeps working, and another page is tried afresh.
import { Component, Suspense, type ReactNode } from 'react';

interface Props {
  pathname: string;
  children: ReactNode;
}

interface State {
  pathname: string;
  failed: boolean;
}

export class PageBoundary extends Component<Props, State> {
  override state: State = { pathname: this.props.pathname, failed: false };

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.pathname === state.pathname ? null : { pathname: props.pathname, failed: false };
  }

  override render() {
    if (this.state.failed) {
      return (
        <div className="alert" role="alert" data-testid="page-load-error">
          <strong>This page could not load.</strong> Reload the page to try again.
        </div>
      );
    }
    return <Suspense fallback={<p role="status">Loading…</p>}>{this.props.children}</Suspense>;
  }
}
