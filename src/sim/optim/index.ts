export { AdamW, type AdamWOptions } from './adamw';
export { learningRateAt, learningRateSchedule } from './schedule';
export { clipGradNorm, globalNorm } from './clip';
