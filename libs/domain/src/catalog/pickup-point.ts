import { DomainError } from '../shared/domain-error';
import { editableDecider } from './register-once';

export interface PickupPointData {
  code: string;
  name: string;
  /** The village point (or community shop) warehouse that holds the goods for pickup. */
  warehouse: string;
  /** Opening hours, e.g. `08:00-20:00` (Asia/Shanghai). */
  hours: string;
  /** Street address where consumers collect (absent on points registered before addresses were kept). */
  address?: string;
  /** WGS-84 latitude in degrees, -90..90 (optional, with `lng`). */
  lat?: number;
  /** WGS-84 longitude in degrees, -180..180 (optional, with `lat`). */
  lng?: number;
}

/** Stream of one pickup point: `pickuppoint-<code>`. */
export const pickupPointStream = (code: string): string => `pickuppoint-${code}`;

/** Coordinates come as a pair within their ranges. */
function validatePickupPoint(p: PickupPointData): void {
  if ((p.lat === undefined) !== (p.lng === undefined))
    throw new DomainError('INVALID_STATE', 'lat and lng come together', p.lat === undefined ? 'lat' : 'lng');
  if (p.lat !== undefined && !(Number.isFinite(p.lat) && p.lat >= -90 && p.lat <= 90))
    throw new DomainError('INVALID_STATE', 'lat must be between -90 and 90', 'lat');
  if (p.lng !== undefined && !(Number.isFinite(p.lng) && p.lng >= -180 && p.lng <= 180))
    throw new DomainError('INVALID_STATE', 'lng must be between -180 and 180', 'lng');
}

/** A pickup point (自提点) run by a group leader at a village point; operators edit its name, address, hours and coordinates. */
export const pickupPointDecider = editableDecider<
  'RegisterPickupPoint',
  'PickupPointRegistered',
  'UpdatePickupPoint',
  'PickupPointUpdated',
  PickupPointData
>({
  name: 'pickup-point',
  commandType: 'RegisterPickupPoint',
  eventType: 'PickupPointRegistered',
  updateType: 'UpdatePickupPoint',
  updatedType: 'PickupPointUpdated',
  label: 'pickup point',
  validate: validatePickupPoint,
});
