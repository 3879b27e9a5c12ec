import { useLocation, useNavigate } from "@remix-run/react";
import type { MouseEvent } from "react";
import { currentNavigationLink, type NavigationLink } from "~/domain/roles";

/** A click the browser would turn into a plain same-tab navigation (not a new tab, window or download). */
function isPlainClick(event: MouseEvent, anchor: HTMLAnchorElement) {
  return (
    !event.defaultPrevented &&
    event.button === 0 &&
    !(event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) &&
    (!anchor.target || anchor.target === "_self") &&
    !anchor.hasAttribute("download") &&
    anchor.origin === window.location.origin
  );
}

/**
 * The site's main navigation. Plain links (one click handler on the list navigates in the app, like
 * <Link>) rather than a NavLink each: every NavLink resolves its path several times per render, about
 * half a millisecond of server CPU on every signed-in page (docs/performance.md). The link of the
 * current page is marked for screen readers (aria-current) and by its style.
 */
export function MainNavigation({ links }: { links: readonly NavigationLink[] }) {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const current = currentNavigationLink(links, pathname);
  const onClick = (event: MouseEvent<HTMLElement>) => {
    const anchor = event.target instanceof Element ? event.target.closest("a") : null;
    if (!anchor || !isPlainClick(event, anchor)) return;
    event.preventDefault();
    navigate(`${anchor.pathname}${anchor.search}${anchor.hash}`);
  };
  return (
    <nav aria-label="Main">
      {/* The list only handles the clicks of its links (Enter on a focused link is one too). */}
      <ul onClick={onClick}>
        {links.map((link) => (
          <li key={link.to}>
            <a href={link.to} aria-current={link === current ? "page" : undefined}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
