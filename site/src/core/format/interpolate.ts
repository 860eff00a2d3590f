/**
 * `{name}` placeholders in UI strings. The islands receive only the strings they need (not every
 * strings file) and translate with `translator(messages)`; the site and the Worker use
 * site/src/core/i18n/translate.ts, which fills placeholders the same way.
 */
export type Values = Record<string, string | number>;

/** Fills `{name}` with `values.name`; a placeholder without a value stays as written. */
export function interpolate(text: string, values?: Values): string {
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** `t(key, values)` over the messages a page handed to its island (the key itself when missing). */
export function translator(messages: Record<string, string>) {
  return (key: string, values?: Values) => interpolate(messages[key] ?? key, values);
}

export type Translate = ReturnType<typeof translator>;
