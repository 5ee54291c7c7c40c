import { toArea, toDistrict, toOutcode } from 'postcode';

/** SW1A 1AA lies in area SW, district SW1 and outward code SW1A; a vendor may name any of them. */
export function coveringAreas(postcode: string): string[] {
  const names = [toArea(postcode), toDistrict(postcode), toOutcode(postcode)];
  return [...new Set(names.filter((name): name is string => Boolean(name)))];
}
