/** `{{ name }}` placeholders of a suite's prompt template (promptfoo's Nunjucks subset: plain variables only). */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/gu;

/** The template with each placeholder replaced by its variable; `missing` names placeholders without one. */
export function fillTemplate(template: string, vars: Readonly<Record<string, string | number | boolean>>): { readonly text: string; readonly missing: readonly string[] } {
  const missing: string[] = [];
  const text = template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) {
      missing.push(name);
      return whole;
    }
    return String(value);
  });
  return { text, missing };
}
