import { Module } from '@nestjs/common';
import { IdentityModule, KernelModule } from '@gx/application';
import { PlatformModule } from '@gx/platform';

/** 批发市场: lot auctions (lots, bids and the live board arrive with their issue). */
@Module({
  imports: [PlatformModule.forRoot({ app: 'wholesale', login: true }), KernelModule.forRoot(), IdentityModule],
})
export class WholesaleModule {}
