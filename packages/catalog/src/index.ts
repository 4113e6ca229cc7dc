export * from './model';
export * from './ids';
