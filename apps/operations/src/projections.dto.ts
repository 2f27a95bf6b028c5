import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

/** `POST /projections/{name}/park`: skip the event the projection or process manager fails on. */
export class ParkEventDto {
  @ApiProperty({
    example: '1042',
    description: 'log position of the failing event, as GET /projections shows it (failing.position)',
  })
  @IsString()
  @Matches(/^\d{1,30}$/, { message: 'position must be a log position (digits)' })
  position: string;

  @ApiProperty({
    example: '批次号含非法字符，已人工补录库存调整',
    description: 'why the event may be skipped; kept in the audit log',
  })
  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}
