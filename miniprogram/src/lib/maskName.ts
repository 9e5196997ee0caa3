/**
 * A name as a ticket shows it to whoever glances at the phone: the first character and, for three or more,
 * the last; the rest starred (王小明 → 王*明, 李四 → 李*, 欧阳娜娜 → 欧**娜).
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
