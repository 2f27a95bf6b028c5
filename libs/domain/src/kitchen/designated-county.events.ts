/**
 * A county designated a poverty-alleviation county (脱贫县) in master data. Budget-funded canteens
 * report the share of each month's purchases from such counties (the "832 platform" rule), so the
 * batches a kitchen delivery is issued from are marked with their county's designation at that moment.
 */
export type DesignatedCountyEvent =
  | { type: 'CountyDesignated'; data: { county: string; note?: string; by: string; at: string } }
  | { type: 'CountyDesignationWithdrawn'; data: { county: string; by: string; at: string } };

/** Stream of one county's designation: `county-<name>`. */
export const designatedCountyStream = (county: string): string => `county-${county}`;
