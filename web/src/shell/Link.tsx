import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate, usePathname } from './navigation.ts';

interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  /** An in-app path such as `/courses`. */
  to: string;
}

function isPlainLeftClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return (
    event.button === 0 &&
    !event.defaultPrevented &&
    !event.metaKey &&
    !event.altKey &&
    !event.ctrlKey &&
    !event.shiftKey
  );
}

/** An ordinary link that navigates in-app on a plain click. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const pathname = usePathname();
  return (
    <a
      {...rest}
      href={to}
      aria-current={pathname === to ? 'page' : undefined}
      onClick={(event) => {
        onClick?.(event);
        if (isPlainLeftClick(event) && !rest.target) {
          event.preventDefault();
          navigate(to);
        }
      }}
    >
      {children}
    </a>
  );
}
