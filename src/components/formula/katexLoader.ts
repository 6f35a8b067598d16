// KaTeX and its stylesheet, in one chunk that Formula.tsx imports dynamically.
import katex from 'katex';
import 'katex/dist/katex.min.css';

export default katex;
