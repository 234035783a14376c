//! Levenshtein distance over characters by Myers' bit-parallel algorithm, in Hyyrö's
//! multi-word form: the distance `strsim::generic_levenshtein` gives, in ⌈m/64⌉ word
//! operations per character of the other text instead of m cells, and with no allocation
//! per pair (the pattern's bit masks are built once per clause, in [`EditProfile::new`]).

/// Longest pattern, in characters, a profile holds; longer clauses skip the edit signal
/// (see [`super::EDIT_DISTANCE_MAX_CHARS`]).
const MAX_BLOCKS: usize = super::EDIT_DISTANCE_MAX_CHARS.div_ceil(64);

/// `$owner.blocks_distance::<B>($text)` for a pattern of `$blocks` 64-bit words, `B` a
/// constant so the word loop unrolls; an empty pattern is `$text`'s length away.
macro_rules! by_blocks {
    ($owner:expr, $blocks:expr, $text:expr) => {
        match $blocks {
            0 => $text.len(),
            1 => $owner.blocks_distance::<1>($text),
            2 => $owner.blocks_distance::<2>($text),
            3 => $owner.blocks_distance::<3>($text),
            4 => $owner.blocks_distance::<4>($text),
            5 => $owner.blocks_distance::<5>($text),
            6 => $owner.blocks_distance::<6>($text),
            _ => $owner.blocks_distance::<MAX_BLOCKS>($text),
        }
    };
}

/// One clause's characters as a Levenshtein pattern: for every distinct character, the
/// bit mask of the positions where it stands.
#[derive(Debug, Clone, Default)]
pub struct EditProfile {
    /// Pattern length in characters.
    len: usize,
    /// 64-bit words per mask.
    blocks: usize,
    /// Masks, `blocks` words per distinct character, ASCII first then the rest in `others`
    /// order.
    masks: Vec<u64>,
    /// Index + 1 into the masks of each ASCII character, 0 when absent.
    ascii: Vec<u8>,
    /// Distinct non-ASCII characters, sorted, and the index of their masks.
    others: Vec<(char, u32)>,
}

impl EditProfile {
    /// The profile of `chars`; an empty one when the text is longer than the profile can
    /// hold (the caller skips the signal then).
    pub fn new(chars: &[char]) -> Self {
        let len = chars.len();
        if len > MAX_BLOCKS * 64 {
            return EditProfile::default();
        }
        let blocks = len.div_ceil(64);
        let mut ascii = vec![0u8; 128];
        let mut others: Vec<(char, u32)> = Vec::new();
        let mut count = 0u32;
        for &c in chars {
            if c.is_ascii() {
                if ascii[c as usize] == 0 {
                    count += 1;
                    ascii[c as usize] = count as u8;
                }
            } else if !others.iter().any(|&(o, _)| o == c) {
                others.push((c, 0));
            }
        }
        others.sort_unstable();
        for entry in &mut others {
            entry.1 = count;
            count += 1;
        }
        let mut masks = vec![0u64; count as usize * blocks];
        for (k, &c) in chars.iter().enumerate() {
            let slot = if c.is_ascii() {
                ascii[c as usize] as usize - 1
            } else {
                let at = others
                    .binary_search_by_key(&c, |&(o, _)| o)
                    .expect("interned");
                others[at].1 as usize
            };
            masks[slot * blocks + k / 64] |= 1u64 << (k % 64);
        }
        EditProfile {
            len,
            blocks,
            masks,
            ascii,
            others,
        }
    }

    /// Index of character `c`'s masks, `None` when it is not in the pattern.
    fn slot(&self, c: char) -> Option<usize> {
        if c.is_ascii() {
            (self.ascii[c as usize] as usize).checked_sub(1)
        } else {
            let at = self.others.binary_search_by_key(&c, |&(o, _)| o).ok()?;
            Some(self.others[at].1 as usize)
        }
    }

    /// Levenshtein distance between the pattern and `text` (in characters).
    pub fn distance(&self, text: &[char]) -> usize {
        by_blocks!(self, self.blocks, text)
    }

    /// [`EditProfile::distance`] for a pattern of `B` words.
    fn blocks_distance<const B: usize>(&self, text: &[char]) -> usize {
        debug_assert_eq!(self.blocks, B);
        myers::<B>(
            self.len,
            text.iter().map(|&c| match self.slot(c) {
                Some(slot) => self.masks[slot * B..(slot + 1) * B]
                    .try_into()
                    .expect("B words per mask"),
                None => &[0u64; B],
            }),
        )
    }
}

/// Myers' bit-parallel Levenshtein distance between a pattern of `len` characters (`B`
/// words of bits) and a text given as the pattern's masks of each of its characters:
/// with `B` known the block loop unrolls and its bounds checks go.
fn myers<'m, const B: usize>(len: usize, text_masks: impl Iterator<Item = &'m [u64; B]>) -> usize {
    let last = 1u64 << ((len - 1) % 64);
    let mut vp = [!0u64; B];
    let mut vn = [0u64; B];
    let mut distance = len;
    for eq in text_masks {
        // Carries between words: the horizontal deltas of the bottom of each block.
        let (mut hp_carry, mut hn_carry) = (1u64, 0u64);
        for b in 0..B {
            let (v_p, v_n) = (vp[b], vn[b]);
            let x = eq[b] | hn_carry;
            let d0 = (((x & v_p).wrapping_add(v_p)) ^ v_p) | x | v_n;
            let mut hp = v_n | !(d0 | v_p);
            let mut hn = d0 & v_p;
            let (hp_in, hn_in) = (hp_carry, hn_carry);
            if b + 1 < B {
                hp_carry = hp >> 63;
                hn_carry = hn >> 63;
            } else {
                hp_carry = u64::from(hp & last != 0);
                hn_carry = u64::from(hn & last != 0);
            }
            hp = (hp << 1) | hp_in;
            hn = (hn << 1) | hn_in;
            vp[b] = hn | !(d0 | hp);
            vn[b] = hp & d0;
        }
        distance += hp_carry as usize;
        distance -= hn_carry as usize;
    }
    distance
}

/// Masks of one pattern at a time over a small alphabet of symbol ids (characters numbered
/// per comparison), so a row of distances against one pattern looks each text character
/// up by index: load a pattern, measure texts against it, clear it.
#[derive(Debug, Clone)]
pub struct SymbolTable {
    /// `MAX_BLOCKS` words per symbol; zero except for the loaded pattern's symbols.
    masks: Vec<u64>,
    len: usize,
}

impl SymbolTable {
    /// A table for symbol ids below `symbols`.
    pub fn new(symbols: usize) -> Self {
        SymbolTable {
            masks: vec![0; symbols * MAX_BLOCKS],
            len: 0,
        }
    }

    /// Loads `pattern` (at most `MAX_BLOCKS × 64` symbols, else nothing is loaded and
    /// [`SymbolTable::distance`] must not be asked).
    pub fn load(&mut self, pattern: &[u32]) {
        if pattern.len() > MAX_BLOCKS * 64 {
            self.len = 0;
            return;
        }
        for (k, &s) in pattern.iter().enumerate() {
            self.masks[s as usize * MAX_BLOCKS + k / 64] |= 1u64 << (k % 64);
        }
        self.len = pattern.len();
    }

    /// Clears the loaded `pattern`.
    pub fn clear(&mut self, pattern: &[u32]) {
        if pattern.len() <= MAX_BLOCKS * 64 {
            for &s in pattern {
                self.masks[s as usize * MAX_BLOCKS..(s as usize + 1) * MAX_BLOCKS].fill(0);
            }
        }
        self.len = 0;
    }

    /// Levenshtein distance between the loaded pattern and `text`.
    pub fn distance(&self, text: &[u32]) -> usize {
        by_blocks!(self, self.len.div_ceil(64), text)
    }

    fn blocks_distance<const B: usize>(&self, text: &[u32]) -> usize {
        myers::<B>(
            self.len,
            text.iter().map(|&s| {
                let at = s as usize * MAX_BLOCKS;
                self.masks[at..at + B].try_into().expect("B words per mask")
            }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn distance(a: &str, b: &str) -> usize {
        let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        EditProfile::new(&x).distance(&y)
    }

    #[test]
    fn known_distances() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("abc", ""), 3);
        assert_eq!(distance("我们将加强合作", "我们愿加强合作。"), 2);
    }

    fn text(alphabet: &'static [char], max: usize) -> impl Strategy<Value = Vec<char>> {
        proptest::collection::vec(proptest::sample::select(alphabet), 0..max)
    }

    proptest! {
        /// Agrees with strsim across block boundaries (64, 128, … characters) and with
        /// ASCII and Han characters mixed.
        #[test]
        fn symbol_table_agrees_with_strsim(
            x in text(&['a', 'b', 'c', ' ', '合', '作', 'é'], 401),
            y in text(&['a', 'b', 'c', 'd', '合', '作'], 401),
        ) {
            let ids = |t: &[char]| -> Vec<u32> { t.iter().map(|&c| c as u32 % 97).collect() };
            let (x_ids, y_ids) = (ids(&x), ids(&y));
            let mut table = SymbolTable::new(97);
            table.load(&x_ids);
            prop_assert_eq!(table.distance(&y_ids), strsim::generic_levenshtein(&x_ids, &y_ids));
            table.clear(&x_ids);
            prop_assert!(table.masks.iter().all(|&m| m == 0));
        }

        #[test]
        fn agrees_with_strsim(
            x in text(&['a', 'b', 'c', ' ', '合', '作', 'é'], 401),
            y in text(&['a', 'b', 'c', 'd', '合', '作'], 401),
        ) {
            let expected = strsim::generic_levenshtein(&x, &y);
            prop_assert_eq!(EditProfile::new(&x).distance(&y), expected);
        }
    }
}
