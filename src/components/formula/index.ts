export { Formula, loadKatex, type FormulaProps, type FormulaTerm } from './Formula';
