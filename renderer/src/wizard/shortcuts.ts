// The wizard's keyboard shortcuts: Ctrl+S save, Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo and redo
// (left to the text field while typing in one), Alt+PageDown / Alt+PageUp next and previous step.
import { STEPS } from '../../../main/core/validation/finding';
import type { SiteStore } from '../store/site-store';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);

/** Handles one key press; true when it was a shortcut (the browser's own action is then prevented). */
export function onShortcut(e: KeyboardEvent, store: SiteStore): boolean {
  const state = store.getState();
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  const index = STEPS.indexOf(state.step);
  let action: (() => unknown) | undefined;
  if (mod && key === 's') action = () => state.save();
  else if (mod && key === 'z' && !isTyping(e.target)) action = () => (e.shiftKey ? state.redo() : state.undo());
  else if (mod && key === 'y' && !isTyping(e.target)) action = () => state.redo();
  else if (e.altKey && e.key === 'PageDown' && index < STEPS.length - 1) action = () => state.goTo(STEPS[index + 1]!);
  else if (e.altKey && e.key === 'PageUp' && index > 0) action = () => state.goTo(STEPS[index - 1]!);
  if (!action) return false;
  e.preventDefault();
  void action();
  return true;
}
