import { useId, type ReactNode } from "react";

/**
 * A data table that may be wider than a narrow screen. At 320px (a phone, or 400% zoom) the table,
 * and only the table, scrolls sideways inside its own region, never the whole page (WCAG 1.4.10
 * Reflow). The region is focusable, so a keyboard can scroll it, and named by the table's caption,
 * which every table has: visible, or for screen readers only (`hideCaption`) when a heading just
 * above already says it.
 */
export function ScrollingTable({
  caption,
  hideCaption = false,
  className,
  children,
}: {
  caption: ReactNode;
  hideCaption?: boolean;
  className?: string;
  /** The table's head and body (thead, tbody). */
  children: ReactNode;
}) {
  const captionId = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className={className}>
        <caption id={captionId} className={hideCaption ? "visually-hidden" : undefined}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}
