import { registerOnceDecider } from './register-once';

export const PRODUCER_KINDS = ['farmer_cooperative', 'farm_service_centre', 'farmer'] as const;
export type ProducerKind = (typeof PRODUCER_KINDS)[number];

export interface ProducerData {
  code: string;
  name: string;
  kind: ProducerKind;
  county: string;
}

/** Stream of one producer: `producer-<code>`. */
export const producerStream = (code: string): string => `producer-${code}`;

/** A producer (a farmer cooperative 合作社 or a 为农服务中心) that stock is received from. */
export const producerDecider = registerOnceDecider<'RegisterProducer', 'ProducerRegistered', ProducerData>({
  name: 'producer',
  commandType: 'RegisterProducer',
  eventType: 'ProducerRegistered',
  label: 'producer',
});
