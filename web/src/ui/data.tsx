// Showing loaded data: the loading and error states, and tables.
import type { ReactNode } from 'react';
import { ErrorAlert } from './forms.tsx';
import type { Loaded } from './useLoad.ts';

/** "Loading …" while `state` loads, the error when it failed, else `children` with the data. */
export function LoadView<T>({ state, what, children }: { state: Loaded<T>; what: string; children: (data: T) => ReactNode }) {
  if (state.status === 'loading') return <p role="status">Loading {what}…</p>;
  if (state.status === 'error') return <ErrorAlert message={state.message} />;
  return children(state.data);
}

interface DataTableProps {
  /** Names the table for screen readers (shown only with `showCaption`). */
  caption: string;
  showCaption?: boolean;
  columns: readonly string[];
  testId?: string;
  /** The body rows. */
  children: ReactNode;
}

/** A table with column headers, scrolling sideways on a narrow screen. */
export function DataTable({ caption, showCaption = false, columns, testId, children }: DataTableProps) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <caption className={showCaption ? undefined : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
