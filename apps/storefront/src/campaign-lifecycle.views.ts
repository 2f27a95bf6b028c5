import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CampaignCancellationView, CampaignChangedView } from './storefront.views';

/** The answer of a cancellation. */
export class CampaignCancelledView extends CampaignChangedView {
  @ApiProperty({ type: CampaignCancellationView }) cancelled: CampaignCancellationView;
}

/** The outcome of a cut-off run now. */
export class CampaignCutoffView {
  @ApiProperty({ example: 'GB-1a2b3c4d5e6f' }) campaignId: string;
  @ApiProperty({
    enum: ['succeeded', 'failed'],
    description: 'succeeded: the committed quantity reached the minimum; failed: orders cancelled, paid ones refunded',
  })
  status: 'succeeded' | 'failed';
  @ApiProperty({ example: 9, description: 'orders going on to pickup (succeeded) or cancelled (failed)' })
  orders: number;
  @ApiProperty({ example: 1, description: 'online orders still unpaid at the cut-off, released' }) expired: number;
  @ApiProperty({ example: '2026-11-29T10:00:00+08:00', description: 'Beijing time with its offset' }) closedAt: string;
  @ApiPropertyOptional({ example: 'operator1', description: 'the operator who ran the cut-off before its time' })
  closedBy?: string;
  @ApiProperty({ example: '1042', description: 'log position; pass as ?after= to read your own write' })
  position: string;
}
