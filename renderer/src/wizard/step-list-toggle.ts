// Whether the step list on the left is shown. Below PatternFly's xl breakpoint (1200 px) the list
// lies over the step instead of beside it: there it starts closed, the masthead's toggle opens it,
// and choosing a step (or Escape) closes it again so the step is not hidden under the list.
// On a wide screen it starts open and the same toggle can fold it away.
import { useCallback, useRef, useState } from 'react';

export interface StepListToggle {
  /** The window is narrower than 1200 px: the list lies over the step. */
  narrow: boolean;
  open: boolean;
  toggle(): void;
  /** Closes the list where it covers the step; on a wide screen it stays. */
  closeIfOver(): void;
  /** For Page's onPageResize: PatternFly measures the window and says which layout applies. */
  onPageResize(event: unknown, size: { mobileView: boolean }): void;
}

export function useStepListToggle(): StepListToggle {
  // Page measures the window as it mounts (before the first paint) and calls onPageResize.
  const [narrow, setNarrow] = useState(false);
  const wasNarrow = useRef(narrow);
  const [openNarrow, setOpenNarrow] = useState(false);
  const [openWide, setOpenWide] = useState(true);
  const toggle = useCallback(() => (narrow ? setOpenNarrow((o) => !o) : setOpenWide((o) => !o)), [narrow]);
  const closeIfOver = useCallback(() => {
    if (narrow) setOpenNarrow(false);
  }, [narrow]);
  const onPageResize = useCallback((_event: unknown, size: { mobileView: boolean }) => {
    if (size.mobileView === wasNarrow.current) return;
    wasNarrow.current = size.mobileView;
    setNarrow(size.mobileView);
    // Coming down from a wide window the list starts closed again.
    setOpenNarrow(false);
  }, []);
  return { narrow, open: narrow ? openNarrow : openWide, toggle, closeIfOver, onPageResize };
}
