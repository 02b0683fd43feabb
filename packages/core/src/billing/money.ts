/** Money is kept in rial (whole numbers); a toman is ten rial. */
export function rialToToman(rial: number): number {
  return Math.round(rial / 10);
}
