// Cursor pagination: "next page" follows the server's next_cursor; earlier cursors are kept so
// "previous page" can go back without OFFSET.
import { useEffect, useState } from 'react';
import { useLoad } from '../ui/useLoad.ts';

export interface CursorPages {
  cursor: string | null;
  page: number;
  next: (cursor: string) => void;
  previous: () => void;
  first: () => void;
}

/** Pages reset to the first whenever `resetKey` (the filters) changes. */
export function useCursorPages(resetKey: string): CursorPages {
  const [stack, setStack] = useState<(string | null)[]>([null]);
  useEffect(() => setStack([null]), [resetKey]);
  return {
    cursor: stack[stack.length - 1] ?? null,
    page: stack.length,
    next: (cursor) => setStack((s) => [...s, cursor]),
    previous: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    first: () => setStack([null]),
  };
}

/** The cursor to send, as a query parameter: none on the first page. */
export type CursorQuery = { cursor?: string };

/**
 * One page of a list at a time: `load` gets the page's cursor; the pages start again from the
 * first when `key` (the filters) changes.
 */
export function usePagedLoad<T>(key: string, load: (page: CursorQuery, signal: AbortSignal) => Promise<T>) {
  const pages = useCursorPages(key);
  const { state, reload } = useLoad(
    (signal) => load(pages.cursor ? { cursor: pages.cursor } : {}, signal),
    `${key}|${pages.cursor}`,
  );
  return { pages, state, reload };
}

export function Pager({ pages, nextCursor }: { pages: CursorPages; nextCursor: string | null }) {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="button button-secondary" disabled={pages.page === 1} onClick={pages.previous}>
        Previous page
      </button>
      <span>Page {pages.page}</span>
      <button
        type="button"
        className="button button-secondary"
        disabled={!nextCursor}
        onClick={() => nextCursor && pages.next(nextCursor)}
      >
        Next page
      </button>
    </nav>
  );
}
