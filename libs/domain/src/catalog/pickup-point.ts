import { registerOnceDecider } from './register-once';

export interface PickupPointData {
  code: string;
  name: string;
  /** The village point (or community shop) warehouse that holds the goods for pickup. */
  warehouse: string;
  /** Opening hours, e.g. `08:00-20:00` (Asia/Shanghai). */
  hours: string;
}

/** Stream of one pickup point: `pickuppoint-<code>`. */
export const pickupPointStream = (code: string): string => `pickuppoint-${code}`;

/** A pickup point (自提点) run by a group leader at a village point. */
export const pickupPointDecider = registerOnceDecider<'RegisterPickupPoint', 'PickupPointRegistered', PickupPointData>({
  name: 'pickup-point',
  commandType: 'RegisterPickupPoint',
  eventType: 'PickupPointRegistered',
  label: 'pickup point',
});
