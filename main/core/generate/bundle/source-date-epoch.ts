// SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/): when set, the
// time written into the bundle (bundle.json generatedAt, the report) is this one instead of
// the clock, so the same site gives byte-identical bundles. The spec: the value MUST be an
// integer (seconds since 1970-01-01 UTC, as `date +%s` prints) and a malformed one SHOULD
// stop the build with an error. Like clang (llvm D135045: "must be a non-negative decimal
// integer"), only plain digits are taken; anything else — empty included, e.g. from a failed
// `$(git log -1 --format=%ct)` — is an error, never silently the clock.

export const SOURCE_DATE_EPOCH = 'SOURCE_DATE_EPOCH';

/** Largest time a JavaScript Date holds: 8.64e15 ms (ECMA-262 §21.4.1.1), in seconds. */
const MAX_SECONDS = 8.64e12;

export class SourceDateEpochError extends Error {}

/**
 * The time SOURCE_DATE_EPOCH gives, undefined when it is not set.
 * @throws SourceDateEpochError when it is set but not a whole number of seconds a date can hold.
 */
export function sourceDateEpoch(env: Readonly<Record<string, string | undefined>>): Date | undefined {
  const value = env[SOURCE_DATE_EPOCH];
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value) || Number(value) > MAX_SECONDS) {
    throw new SourceDateEpochError(
      `${SOURCE_DATE_EPOCH}=${JSON.stringify(value)} is not a time: it must be whole seconds since 1970-01-01 UTC as \`date +%s\` prints them ` +
        `(e.g. ${SOURCE_DATE_EPOCH}=$(git log -1 --format=%ct)), or unset`,
    );
  }
  return new Date(Number(value) * 1000);
}
