import { toPersianDigits } from "@city137/core";

export function demoRegions(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const number = i + 1;
    return {
      number,
      code: `R${String(number).padStart(2, "0")}`,
      nameFa: `منطقهٔ ${toPersianDigits(number)}`,
      nameEn: `Region ${number}`,
    };
  });
}
