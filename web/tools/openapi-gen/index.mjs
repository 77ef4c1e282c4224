// Re-exports openapi-typescript, resolved from this package, where TypeScript 5 sits beside it.
export { default, astToString } from 'openapi-typescript';
