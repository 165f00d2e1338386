// Number formatting shared by hovers, CodeLens, the status bar and the panel, so a count reads
// the same everywhere.

// Exact counts and shares: one format for every surface (src/core/present/counts.ts).
export { compactCount, exactCount, percent, shortSource } from '../present/counts';

// Memory and learning rates: one format for every surface (src/core/present/units.ts).
export { gigabytes, learningRate } from '../present/units';

/** How the file's learning rate compares with a law's, from the ratio the law returns: "1.4x below", "within 5%". */
export { ratioShort } from '../laws/format';

/** An enum for a hover: the first `shown` values in code spans; long lists (torchtune components) are cut. */
export function enumList(values: readonly unknown[], shown = 8): string {
  const head = values
    .slice(0, shown)
    .map((v) => `\`${String(v)}\``)
    .join(', ');
  const more = values.length - shown;
  return `One of: ${head}${more > 0 ? ` and ${more} more (completion lists them all)` : ''}`;
}
