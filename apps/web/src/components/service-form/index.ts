export { FormRenderer, describeCondition, type FormRendererProps } from './FormRenderer';
export { FormConstructor, type FormConstructorProps } from './FormConstructor';
