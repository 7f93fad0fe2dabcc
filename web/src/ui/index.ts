// The design system: tokens (tokens.css), base and component styles, and the few React components built on
// them. The staff console will import the same.
import './tokens.css';
import './base.css';
import './components.css';
import './layout.css';

export { Button, Choice, Field, Notice, StatusBadge } from './components';
export { colourOf, STATUS_COLOURS } from './status';
