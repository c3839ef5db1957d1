// The shape of the web's dictionary: every text the UI shows, as [简体中文, English], one file per feature.

export type Messages = Record<string, readonly [string, string]>;

/** A bilingual label as the shared rule modules and the server's documents keep it. */
export interface Label {
  readonly zh: string;
  readonly en: string;
}

/**
 * A table of labels by code (a stage, a status, a role…) as dictionary entries `prefix.code`, so a page translates
 * a code the server sent with `t(`stage.${code}`)` like any other text, and a code without a label fails to compile.
 */
export function labelGroup<P extends string, K extends string>(
  prefix: P,
  table: Readonly<Record<K, Label>>,
): Record<`${P}.${K}`, readonly [string, string]> {
  const entries = Object.entries<Label>(table).map(([code, label]) => [`${prefix}.${code}`, [label.zh, label.en] as const]);
  return Object.fromEntries(entries) as Record<`${P}.${K}`, readonly [string, string]>;
}
