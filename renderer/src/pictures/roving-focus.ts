// A picture's items as one Tab stop: the arrow keys (and Home, End) move between them, so a
// row of disks does not add a Tab stop per disk before the fields below.

/** The item the key moves to, or undefined for a key that does not move. */
export function rovingTarget(key: string, index: number, count: number): number | undefined {
  if (count <= 0) return undefined;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return Math.min(count - 1, index + 1);
    case 'ArrowLeft':
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
