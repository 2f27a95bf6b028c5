import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ORDER_STATUSES, type OrderStatus, type PaymentStatus } from '@gx/domain';

/** The data of every frame of `GET /orders/{id}/live`. */
export class OrderChangeView {
  @ApiProperty({ example: 'GB-1a2b3c4d5e6f-0001' }) orderId: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty({
    enum: ['awaiting', 'paid', 'due_at_pickup', 'collected', 'refund_pending', 'refunded', 'refund_failed', 'none'],
    description: 'the order’s payment.status',
  })
  paymentStatus: PaymentStatus;
  @ApiProperty({
    description:
      'handed over, cancelled or expired with no payment awaited and no refund pending: the last frame of the stream',
  })
  settled: boolean;
}

export class OrderLiveQueryDto {
  @ApiPropertyOptional({
    description: 'bearer token, for EventSource clients that cannot send an Authorization header',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  access_token?: string;
  @ApiPropertyOptional({
    description:
      'the id of the last frame seen, for clients that re-open the stream themselves (EventSource sends it as the Last-Event-ID header)',
  })
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'lastEventId must be a frame id (a log position)' })
  lastEventId?: string;
}
