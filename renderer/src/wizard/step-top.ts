// A step opens at its top with the focus on its heading. The step scrolls inside PatternFly's
// containers (the drawer's content, the page's main area), which keep the previous step's scroll
// position; focusing the heading alone leaves that to the browser, and a step whose content
// arrives a moment later (its own chunk) can end up shown from the middle, the focus out of sight.

/** Scrolls every container of the heading back to its top, then focuses the heading without scrolling again. */
export function showStepTop(heading: HTMLElement | null): void {
  if (!heading) return;
  for (let el = heading.parentElement; el; el = el.parentElement) {
    if (el.scrollTop !== 0) el.scrollTop = 0;
  }
  heading.focus({ preventScroll: true });
}
