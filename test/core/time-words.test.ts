import test from 'ava';
import {durationInWords} from '../../source/core/time-words.js';

test('the two largest units, the sign ignored', (t) => {
	t.is(durationInWords(45_000), '45 s');
	t.is(durationInWords((2 * 3600 + 13 * 60 + 59) * 1000), '2 h 13 min');
	t.is(durationInWords(-(3 * 86_400 + 4 * 3600 + 5) * 1000), '3 d 4 h');
	t.is(durationInWords(60_000), '1 min');
	t.is(durationInWords(61_000), '1 min 1 s');
	t.is(durationInWords(3 * 86_400_000 + 5 * 60_000), '3 d');
});

test('tiny, zero and non-finite durations', (t) => {
	t.is(durationInWords(0), '0 s');
	t.is(durationInWords(999), 'less than 1 s');
	t.is(durationInWords(Number.NaN), 'an unknown time');
	t.is(durationInWords(Number.POSITIVE_INFINITY), 'an unknown time');
});
