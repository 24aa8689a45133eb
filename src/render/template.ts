/**
 * Fills `{{slot}}` placeholders in a template file. Values are inserted verbatim, so callers pass
 * HTML they escaped themselves; a slot without a value is a bug in Broadside, not in the input.
 */
export function fillTemplate(template: string, slots: Record<string, string>, name: string): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_match, slot: string) => {
    const value = slots[slot];
    if (value === undefined) throw new Error(`template ${name} uses {{${slot}}}, which Broadside does not provide`);
    return value;
  });
}
