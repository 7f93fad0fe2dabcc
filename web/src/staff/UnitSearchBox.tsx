import { useState } from 'react';
import { Button, Field } from '../ui';

/** Words to find a unit by its name or code, sent by Enter or the button; what was found is the caller's. */
export function UnitSearchBox({
  label,
  buttonLabel,
  onSearch,
}: {
  label: string;
  buttonLabel: string;
  onSearch: (words: string) => void;
}) {
  const [words, setWords] = useState('');
  return (
    <div className="staff-unit-search">
      <Field label={label}>
        {(props) => (
          <input
            {...props}
            type="search"
            value={words}
            onChange={(e) => setWords(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                onSearch(words.trim());
              }
            }}
          />
        )}
      </Field>
      <Button variant="secondary" onClick={() => onSearch(words.trim())}>
        {buttonLabel}
      </Button>
    </div>
  );
}
