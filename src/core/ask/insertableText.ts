/**
 * What "Insert at Cursor" puts into the editor: the code of an answer that is exactly one fenced block
 * plus prose around it (the usual "here is the fix" answer), otherwise the whole answer as written.
 */
export function insertableText(answer: string): string {
  const blocks = [...answer.matchAll(/^(`{3,}|~{3,})[^\n]*\n([\s\S]*?)\n\1[ \t]*$/gm)];
  if (blocks.length !== 1) return answer;
  return blocks[0]?.[2] ?? answer;
}
