//! Structured choices read from the fuzzer's bytes, in the manner of the `arbitrary` crate's
//! `Unstructured`: each choice consumes a byte or two, and an exhausted input answers 0 (the
//! first option, which the generators make "keep as it is"). Written here rather than taken
//! from `arbitrary` so that `tests/fuzz_corpus.rs`, which includes this harness on stable,
//! needs no dependency that plancheck itself does not have.

/// A reader of choices from fuzzer bytes.
pub struct Choices<'a> {
    data: &'a [u8],
}

impl<'a> Choices<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Choices { data }
    }

    /// Whether bytes are left.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The next byte (0 when the input is exhausted).
    pub fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((b, rest)) => {
                self.data = rest;
                *b
            }
            None => 0,
        }
    }

    /// A number below `n` (`n` > 0); one byte when `n` ≤ 256, else two.
    pub fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        if n <= 256 {
            self.byte() as usize % n
        } else {
            (usize::from(self.byte()) << 8 | usize::from(self.byte())) % n
        }
    }

    /// True with probability `k`/256; false when the input is exhausted.
    pub fn chance(&mut self, k: u8) -> bool {
        u16::from(self.byte()) + u16::from(k) > 255
    }

    /// One of `items` (not empty).
    pub fn pick<'b, T>(&mut self, items: &'b [T]) -> &'b T {
        &items[self.below(items.len())]
    }

    /// Up to `max` bytes of the input taken as text (invalid UTF-8 replaced).
    pub fn text(&mut self, max: usize) -> String {
        let n = self.below(max + 1).min(self.data.len());
        let (head, rest) = self.data.split_at(n);
        self.data = rest;
        String::from_utf8_lossy(head).into_owned()
    }
}
