import { Module } from '@nestjs/common';
import { AdminReviewsController } from './admin-reviews.controller.js';
import { ReviewsController } from './reviews.controller.js';

@Module({ controllers: [ReviewsController, AdminReviewsController] })
export class ReviewsModule {}
