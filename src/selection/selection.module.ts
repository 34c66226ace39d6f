import { Module } from '@nestjs/common';
import { SelectionFacts } from './selection-facts';

@Module({
  providers: [SelectionFacts],
  exports: [SelectionFacts],
})
export class SelectionModule {}
