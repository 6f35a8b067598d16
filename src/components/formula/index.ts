export { Formula, loadKatex, type FormulaProps } from './Formula';
