"""Which catalogue indicator a mention belongs to: the words around the number against each
indicator's name (weighted by closeness and rarity), within the number's unit family, each
(indicator, year, kind) given once so that the summed score is highest."""
from __future__ import annotations

import math
import re
from collections import Counter

from lib.pipeline.ingest.assign import assign
from lib.pipeline.ingest.catalogue import Catalogue
from lib.pipeline.ingest.mentions import Mention, along
from lib.words.vntext import fold

# "còn" joins two clauses, except in "giảm còn 2,86%" / "hiện còn 233 hộ", where it says the level.
_CONJUNCTION = re.compile(r"\s(?:và|với|(?<!giảm )(?<!xuống )(?<!hiện )(?<!Hiện )còn|trong đó)\s", re.IGNORECASE)
RELATION_WORDS = {"dat", "chiem", "ty", "le", "tang", "giam", "uoc", "bang", "vuot", "khoang", "gan", "tong"}
# A proposal names an indicator only from this score (or as a clear winner from 0.25).
MATCH_THRESHOLD = 0.4
ALIAS_SCORE = 0.75
SAID = 0.3  # a name word counts as said from this weight: in the number's sentence
CHOICE_SCORE = 0.25  # an indicator scored from this is offered to staff as a choice
REPEAT_GUESS = 0.25  # an unmatched number whose best guess is taken by the same value is a likely repeat  # an indicator whose alias the number's own words say
STOP_WORDS = {"va", "cac", "cua", "cho", "voi", "trong", "tren", "duoc", "co", "la", "nhung", "mot", "so",
              "da", "den", "tai", "theo", "nay", "do", "nam", "the", "ve", "o", "tu", "nhu", "khi", "hon"}


# Abbreviations reports use for words the catalogue spells out ("tham gia BHYT" is health insurance).
ABBREVIATIONS = {"heo": "lon", "bhyt": "bao hiem y te", "bhxh": "bao hiem xa hoi", "bhtn": "bao hiem that nghiep",
                 "ntm": "nong thon moi", "htx": "hop tac xa", "dn": "doanh nghiep", "grdp": "tong san pham",
                 "cccd": "can cuoc cong dan", "tthc": "thu tuc hanh chinh", "tngt": "tai nan giao thong",
                 "nlts": "nong lam thuy san", "cn": "cong nghiep", "xd": "xay dung", "tm": "thuong mai",
                 "dv": "dich vu", "cpi": "chi so gia tieu dung", "iip": "chi so san xuat cong nghiep"}
# Words that say how a thing is measured, not what it is: a name must share more than these.
MEASURE_WORDS = {"tong", "dien", "tich", "san", "luong", "nang", "suat", "ty", "le", "muc", "gia", "tri", "toc",
                 "do", "luot", "moi", "dat", "chuan", "binh", "quan", "thuc", "hien", "ke", "hoach", "duoc",
                 "cap", "nam", "thang", "uoc", "chi", "tieu", "nguoi", "ho", "xa", "huyen", "tinh", "dia", "ban",
                 "toan", "trong", "tang", "giam", "dau", "nuoi", "gieo", "phat", "trien", "so", "von"}


_MEASURED = re.compile(r"\b(?:diện tích|năng suất|sản lượng|tổng đàn|đàn|trồng|nuôi|cây)\s+(?:(?:cây|trồng|mới)\s+)?"
                       r"([^\W\d_]+)")
# Words that name the opposite flow: "chi ngân sách" is never a revenue, "nhập khẩu" never an export.
_OPPOSITES = [("chi", "thu"), ("thu", "chi"), ("nhập", "xuất"), ("xuất", "nhập")]
# Words around a number that never name what it counts.
_FILLERS = {"đạt", "ước", "khoảng", "gần", "hơn", "trên", "có", "được", "là", "với", "và", "còn", "đã", "toàn",
            "huyện", "xã", "phường", "tỉnh", "năm", "tháng", "cả", "bình", "quân", "tăng", "giảm", "so", "cùng", "kỳ",
            "hiện", "nay", "đến", "xảy", "ra", "làm", "cho", "mới", "kế", "hoạch", "chỉ", "tiêu", "của", "trong",
            "tổng", "số", "tỷ", "lệ", "thực", "đưa", "vào", "các", "loại", "đồng", "triệu", "ha", "tấn",
            "con", "người", "hộ", "chiếm", "bằng", "vượt", "thêm", "lên", "xuống", "từ", "tại", "địa", "bàn"}


# Words that say what is measured of a thing, not the thing, beside MEASURE_WORDS: "doanh thu" is a revenue.
# "doanh thu", "kinh phí" say how much, not of what ("kinh doanh" says of what: household businesses).
_MEASURE_PHRASES = re.compile(r"\b(?:doanh thu|kinh phi)\b")

# Words between an alias and its number that say nothing more of what is counted ("… đạt gần 510").
_GAP_WORDS = {"dat", "uoc", "gan", "hon", "tren", "khoang", "la", "co", "duoc", "bang", "tang", "giam", "chiem",
              "con", "toan", "huyen", "xa", "phuong", "tinh", "nam", "trong", "thang", "dau", "ca", "theo", "gia",
              "so", "sanh", "hien", "hanh", "thuc", "te", "cua", "tai", "den", "nay", "moi", "da", "va", "cho"}


# Words after a name that narrow nothing: where ("trên địa bàn", "của địa phương"), "dưới" of a level ("giảm còn dưới 0,8%").
_AFTER_NAME = {"dia", "ban", "phuong", "duoi"}


def _only_fillers(gap: str) -> bool:
    """"rừng" after "số vụ cháy" names another thing: an alias holds only up to filler words."""
    return all(w in _GAP_WORDS or w.isdigit() for w in re.findall(r"[a-z0-9]+", gap))


def content_words(text: str) -> list[str]:
    """The words of a text folded without diacritics ("Hộ nghèo" → hộ → "ho", "ngheo"), stop words left
    out and abbreviations spelled out."""
    words = []
    for word in re.findall(r"[a-z]+", fold(text)):
        words.extend(ABBREVIATIONS.get(word, word).split())
    return [w for w in words if w not in STOP_WORDS]


def accented_words(text: str) -> set[str]:
    """The lower-case words of a text with their accents ("cỏ" is not "có", "trồng" is not "trong")."""
    return {w for w in re.findall(r"[^\W\d_]+", text.lower())}


class IndicatorMatcher:
    """The catalogue indexed for matching: each indicator's name words (without its unit's words),
    their rarity (idf) and how many indicators share each unit family."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        rows = self.catalogue.indicators
        self.names: list[tuple[str, list[str], str | None, str]] = []
        self.full_names: dict[str, list[str]] = {}
        self.tokens: dict[str, list[str]] = {}
        df: Counter = Counter()
        for row in rows.itertuples(index=False):
            name = re.sub(r"\([^)]*\d[^)]*\)", " ", row.name_vi)  # "(đến 16/12/2022)" names a date
            full = list(dict.fromkeys(content_words(name)))
            # The unit's own words say nothing the unit family does not: "Hộ nghèo" is matched on "nghèo".
            unit_words = set(content_words(row.unit_of_measure))
            tokens = [t for t in full if t not in unit_words] or full
            family = self.catalogue.family(row.unit_of_measure)
            self.names.append((row.indicator_id, tokens, family, getattr(row, "measure", "")))
            self.full_names[row.indicator_id] = full
            self.tokens[row.indicator_id] = tokens
            df.update(set(full))
        total = max(len(self.names), 1)
        self.idf = {token: math.log(1 + total / count) for token, count in df.items()}
        self.name_words = {i: accented_words(n) for i, n in zip(rows["indicator_id"], rows["name_vi"])}
        origin = rows["origin"] if "origin" in rows.columns else [""] * len(rows)
        self.common = {i for i, o in zip(rows["indicator_id"], origin) if o == "common"}
        self.family_size = Counter(family for _, _, family, _ in self.names)
        # The wordings reports use for an indicator, longest first: "tỷ lệ hộ nghèo giảm" before "tỷ lệ hộ nghèo".
        families = {i: f for i, _, f, _ in self.names}
        alias_cells = rows["aliases"] if "aliases" in rows.columns else [""] * len(rows)
        self.has_aliases = {i for i, cell in zip(rows["indicator_id"], alias_cells) if str(cell).strip()}
        self.alias_named: dict[int, str | None] = {}
        self.alias_rivals: dict[int, list[str]] = {}
        # An indicator's full wording, which says which it is: its first alias (the reference catalogue's
        # wording; a curated name may be shorter: "Thu ngân sách Nhà nước").
        self.full_wording = {i: " ".join(fold(str(cell).split("|")[0]).split())
                             for i, cell in zip(rows["indicator_id"], alias_cells) if str(cell).strip()}
        self.aliases = sorted(((re.compile(r"\b" + re.escape(" ".join(fold(a).split())) + r"\b"), i, families[i])
                               for i, cell in zip(rows["indicator_id"], alias_cells)
                               for a in str(cell).split("|") if a.strip()),
                              key=lambda item: -len(item[0].pattern))

    def _foreign(self, indicator_id: str, context: dict[str, float]) -> bool:
        """The number speaks of something else: its own words name a thing the indicator's name does not
        ("trồng cỏ" for aquaculture area, "hạt dẻ" for rice yield) while a word naming the indicator's
        thing is missing from around it."""
        topic = [t for t in self.tokens[indicator_id] if t not in MEASURE_WORDS]
        missing = sum(self.idf[t] for t in topic if context.get(t, 0.0) < 0.5)
        return missing > 0.5 * sum(self.idf[t] for t in topic)

    def _other_thing(self, indicator_id: str, words: list[str], not_things: set[str],
                     context: dict[str, float]) -> bool:
        """The number's words narrow one of the name's words to a thing the name lacks ("cháy rừng", "diện tích
        cao su") while a word naming the indicator's own thing is missing: "số vụ cháy rừng" is not "Số vụ cháy, nổ"."""
        name = set(self.full_names[indicator_id])
        if not any(a in name and b not in name and b not in not_things for a, b in zip(words, words[1:])):
            return False
        return any(context.get(t, 0.0) < 0.5 for t in self.tokens[indicator_id] if t not in MEASURE_WORDS)

    def window(self, text: str, mentions: list[Mention], index: int) -> tuple[int, int]:
        """The words that belong to this number: since the previous number of the clause (or after its
        last "và"/"với"), through the unit, up to the next number (or the next "và"/"với")."""
        m = mentions[index]
        clause_start, clause_end = m.clause
        before = [x for x in along(mentions, index, -1) if x.role != "ratio_a"][::-1]
        after = [x for x in along(mentions, index, 1) if x.role != "ratio_b"]
        start = before[-1].unit_end if before else clause_start
        gap = text[start:m.start]
        split = list(_CONJUNCTION.finditer(gap))
        if split:
            start += split[-1].end()
        end = after[0].start if after else clause_end
        tail = _CONJUNCTION.search(text, max(m.unit_end, m.end), end)
        if tail:
            end = tail.start()
        return start, end

    def _context(self, text: str, mentions: list[Mention], index: int) -> dict[str, float]:
        """Words around a number, weighted by closeness: its own words 1, the subject phrase before its
        clause .8, the rest of its clause .5, the sentence .3."""
        m = mentions[index]
        weights: dict[str, float] = {}

        def add(part: str, weight: float) -> None:
            for word in content_words(part):
                weights[word] = max(weights.get(word, 0.0), weight)

        seg_start, seg_end = m.segment
        line_start = text.rfind("\n", 0, m.start) + 1
        before = text[line_start:seg_start]
        # A short topic label ("- Tai nạn giao thông: xảy ra 5 vụ") names what the line's numbers count.
        topic = len(content_words(before)) <= 6 and before.rstrip().endswith(":")
        add(before, 0.7 if topic else 0.25)  # otherwise the sentences before weigh little
        add(text[seg_start:seg_end], 0.3)
        clause_start, clause_end = m.clause
        start, end = self.window(text, mentions, index)
        add(text[clause_start:start], 0.5)
        add(text[end:clause_end], 0.3)
        # The words between the previous number and this clause: "Tỷ lệ hộ sử dụng điện thường xuyên,
        # an toàn đạt 99,8%", "tổng giá trị sản xuất (theo giá so sánh 2010) đạt 8.839,9 tỷ đồng".
        previous = [x for x in along(mentions, index, -1, "segment") if x.clause != m.clause][::-1]
        own_words = [w for w in content_words(text[clause_start:m.start]) if w not in RELATION_WORDS]
        if previous:
            last = previous[-1]
            add(text[last.clause[0]:last.clause[1]], 0.8 if not own_words else 0.45)
            add(text[max(last.unit_end, last.clause[1]):clause_start], 0.6)
        else:
            add(text[seg_start:clause_start], 0.8)
        # A following clause without a number describes this one: "11/11 xã, thị trấn đạt chuẩn …".
        following = [x for x in along(mentions, index, 1, "segment") if x.clause != m.clause]
        next_clause_end = following[0].clause[0] if following else seg_end
        if clause_end < next_clause_end:
            add(text[clause_end:next_clause_end], 0.6)
        add(text[start:end], 1.0)
        if m.label is not None:  # a table row is named by its "Chỉ tiêu" cell
            add(text[m.label[0]:m.label[1]], 1.0)
        if m.unit_known and m.unit:
            add(m.unit, 0.5)
        # "toàn huyện có N", "nâng tổng số lên N": a total.
        if re.search(r"\b(?:toan huyen|nang (?:len|tong)|hien co|tong cong)\b", fold(text[clause_start:m.start])):
            weights["tong"] = max(weights.get("tong", 0.0), 0.8)
        return weights

    def _scores(self, text: str, mentions: list[Mention], index: int) -> list[tuple[float, str]]:
        m = mentions[index]
        context = self._context(text, mentions, index)
        start, end = self.window(text, mentions, index)
        own = set(content_words(text[start:end])) - RELATION_WORDS
        own_total = sum(self.idf.get(t, 1.0) for t in own)
        # What a measure is of ("diện tích mía", "trồng cỏ", "năng suất hạt dẻ"), when no name has it: a new thing.
        measured = {w.group(1) for w in _MEASURED.finditer(text[start:end].lower())} - _FILLERS
        own_accented = accented_words(text[start:end])
        own_sequence = content_words(text[start:end])
        not_things = MEASURE_WORDS | _GAP_WORDS | RELATION_WORDS | set(content_words(m.unit or ""))
        family = "percent" if m.is_percent else self.catalogue.family(m.unit)
        any_family = m.kind in ("pct_of_target", "yoy_change_pct")  # of what, the words must say
        lead = fold(text[m.clause[0]:m.start])
        change = m.is_percent and m.value < 0 or bool(re.search(r"\b(?:tang|giam)\s*$", lead.rstrip()))
        flow = bool(re.search(r"\b(?:xay dung|thanh lap|phat trien|ket nap|cap moi|tao|dua|them)\b", lead))
        level = bool(re.search(r"\b(?:toan huyen|hien co|nang tong|den nay|con)\b", lead))
        scores = []
        self.narrowed = set()
        for indicator_id, tokens, ind_family, measure in self.names:
            if not tokens or (measured - self.name_words[indicator_id] and self._foreign(indicator_id, context)):
                continue
            if any(a in own_accented and b in self.name_words[indicator_id] and b not in own_accented
                   for a, b in _OPPOSITES):
                continue
            if any_family:
                tokens = self.full_names[indicator_id]  # of what unit is unknown: every word counts
            elif family is not None and ind_family != family:
                continue
            elif family is None and (ind_family == "percent" or m.unit is None):
                continue
            total = sum(self.idf[t] for t in tokens)
            coverage = sum(self.idf[t] * context.get(t, 0.0) for t in tokens) / total
            # The number's own words that the name does not explain ("cận" in "hộ cận nghèo").
            explained = sum(self.idf.get(t, 1.0) for t in own if t in tokens) / own_total if own_total else 0.0
            score = 0.8 * coverage + 0.2 * explained
            if family is None and not any_family:
                score *= 0.8
            if not any_family and family is not None:
                # The unit itself is evidence when few indicators share it (eggs, booths, heritage sites).
                score += {1: 0.2, 2: 0.1}.get(self.family_size.get(ind_family, 0), 0.0)
            if m.is_percent and (measure == "change") != change:
                score -= 0.2
            if (flow and measure == "flow") or (level and measure == "level"):
                score += 0.05
            if indicator_id in self.common:  # a curated indicator wins unless clearly worse: it publishes as is
                score -= 0.15
            if score < MATCH_THRESHOLD and self._other_thing(indicator_id, own_sequence, not_things, context):
                self.narrowed.add(indicator_id)
            scores.append((score, indicator_id))
        scores.sort(reverse=True)
        return scores

    def by_alias(self, text: str, mentions: list[Mention], index: int) -> tuple[str | None, float]:
        """The indicator of the alias that ends nearest before the number (the longest of those ending
        there), among those of the number's unit family; in its own words (weight 1) or else its clause (.8)."""
        m = mentions[index]
        family = "percent" if m.is_percent else self.catalogue.family(m.unit)
        if family is None:
            return None, 0.0
        start, _ = self.window(text, mentions, index)
        regions = [(text[start:m.start], 1.0), (text[m.clause[0]:m.start], 0.8)]
        if m.label is not None:  # a table row is named by its "Chỉ tiêu" cell, for every cell of the row
            regions.insert(0, (text[m.label[0]:m.label[1]], 1.0))
        for region, weight in regions:
            words = " ".join(fold(region).split())
            found = [(hit.end(), len(pattern.pattern), indicator_id, hit.start())
                     for pattern, indicator_id, ind_family in self.aliases if ind_family == family
                     for hit in [pattern.search(words)] if hit and _only_fillers(words[hit.end():])]
            if found:
                end, _, named, begin = max(found)
                # Another indicator's wording in the same words ("tổng thu ngân sách nhà nước": total or state
                # revenue?) leaves the choice open unless the words are the chosen one's full name.
                rivals = {i for pattern, i, f in self.aliases if f == family and i != named
                          for hit in [pattern.search(words)] if hit and hit.start() < end and begin < hit.end()
                          and not begin <= hit.start() <= hit.end() <= end}
                if words[begin:end] == self.full_wording.get(named):
                    rivals = set()
                self.alias_rivals[index] = sorted(rivals)
                return named, weight
        return None, 0.0

    def says_own_wording(self, text: str, mentions: list[Mention], index: int, indicator_id: str) -> bool:
        """The number's clause says one of the indicator's wordings, whatever the number's unit ("Thu ngân
        sách vượt 17%": a share of plan says what it is of only in words)."""
        m = mentions[index]
        words = " ".join(fold(text[m.clause[0]:m.start]).split())
        return any(pattern.search(words) for pattern, i, _ in self.aliases if i == indicator_id)

    def says_whole_name(self, text: str, mentions: list[Mention], index: int, indicator_id: str) -> bool:
        """Every word of the indicator's name is in the number's own words ("thành lập mới 23 doanh nghiệp"
        says all of "Doanh nghiệp thành lập mới"), for a match no usual wording made."""
        context = self._context(text, mentions, index)
        words = self.tokens.get(indicator_id, [])
        if not words or any(context.get(t, 0.0) < 1.0 for t in words):
            return False
        # ... said together: "tổng đàn đại gia súc" narrows "Tổng đàn gia súc" with a word of its own.
        start, end = self.window(text, mentions, index)
        own = content_words(text[start:end])
        at = [i for i, w in enumerate(own) if w in words]
        if any(w not in words and w not in _GAP_WORDS for w in own[min(at):max(at) + 1]):
            return False
        # ... and not narrowed after it, before the number: "tổng giá trị sản xuất CN - TTCN … 4.734" is a sector's.
        before = content_words(text[start:mentions[index].start])
        last = max((i for i, w in enumerate(before) if w in words), default=0)
        return not set(words) <= set(before) or all(w in _GAP_WORDS | _AFTER_NAME for w in before[last + 1:])

    def names_nothing(self, text: str, mentions: list[Mention], index: int, indicator_id: str) -> bool:
        """None of the words naming the indicator's thing (not how it is measured: "diện tích", "doanh thu")
        is in the number's sentence: a match on the unit and measure alone ("diện tích 28,333 ha" for the
        aquaculture harvest area, "doanh thu" for the cooperatives' revenue)."""
        context = self._context(text, mentions, index)
        measured = set(_MEASURE_PHRASES.findall(" ".join(self.full_names.get(indicator_id, []))))
        measured_words = {w for phrase in measured for w in phrase.split()}
        topic = [t for t in self.tokens.get(indicator_id, []) if t not in MEASURE_WORDS | measured_words]
        return bool(topic) and all(context.get(t, 0.0) < SAID for t in topic)

    def choices_of(self, index: int, mentions: list[Mention], chosen: str = "") -> list[str]:
        """Up to three indicators the number may be about, best first: the chosen one, then the others its
        words scored (a relation's are those of what it speaks of)."""
        m = mentions[index]
        source = m.partner if m.role == "ratio_b" else index if index in self.choices else m.subject
        ids = ([chosen] if chosen else []) + (self.choices.get(source, []) if source is not None else [])
        return list(dict.fromkeys(ids))[:3]

    def match(self, text: str, mentions: list[Mention], fixed: dict[int, str] | None = None) -> dict[int, tuple[str, float]]:
        """Best catalogue indicator per candidate: same unit family, most name words around the number,
        each (indicator, year, kind) used once; the assignment maximises the total score. `fixed` are
        the numbers whose indicator a whole-statement rule read (a change in the year)."""
        fixed = fixed or {}
        relational = {"pct_of_target", "yoy_change_pct"}
        options: dict[int, dict[str, float]] = {}
        guesses: dict[int, str] = {}
        self.alias_named = {}
        self.alias_rivals = {}
        self.choices: dict[int, list[str]] = {}
        for index, m in enumerate(mentions):
            if (m.kind in relational or m.relational) and m.subject is not None:
                continue
            if m.role == "ratio_b" or m.kind == "not_a_fact":
                continue
            if index in fixed:
                options[index], self.alias_named[index] = {fixed[index]: ALIAS_SCORE + 0.25}, fixed[index]
                self.choices[index] = [fixed[index]]
                continue
            ranked = self._scores(text, mentions, index)[:10]
            # A unit the catalogue lacks lets every family score: only a real match is offered then.
            floor = CHOICE_SCORE if m.is_percent or self.catalogue.family(m.unit) else MATCH_THRESHOLD
            self.choices[index] = [i for sc, i in ranked if sc >= floor and i not in self.narrowed]
            if ranked and ranked[0][0] >= REPEAT_GUESS:
                guesses[index] = ranked[0][1]
            # A clear winner may score lower: "Phát triển mới 41 doanh nghiệp" for "Doanh nghiệp thành lập mới".
            runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
            # ... but never one whose name the words narrow to another thing ("cháy rừng" for "cháy, nổ").
            options[index] = {i: sc for sc, i in ranked if sc >= MATCH_THRESHOLD
                              or (sc >= 0.25 and sc >= 2 * runner_up and i not in self.narrowed)}
            named, weight = self.by_alias(text, mentions, index)
            self.alias_named[index] = named
            if named is not None:  # the report's own wording of an indicator, unless the name words say more
                score = weight * (ALIAS_SCORE - 0.15 * (named in self.common))
                options[index][named] = max(options[index].get(named, 0.0), score)
                self.choices[index] = [named] + [i for i in self.choices[index] if i != named]
        # A figure said twice (headline, body) is one fact: only its best-scored saying is assigned.
        said: dict[tuple, int] = {}
        for index, scores in options.items():
            if not scores:
                continue
            m = mentions[index]
            top = max(scores, key=scores.__getitem__)
            saying = (top, m.year, m.kind, round(m.value, 9), m.unit)
            if saying not in said or scores[top] > options[said[saying]][top]:
                said[saying] = index
        kept = set(said.values())
        chosen = assign({i: s for i, s in options.items() if i in kept or not s},
                        lambda index: (mentions[index].year, mentions[index].kind))
        used = {(indicator_id, mentions[i].year, mentions[i].kind): i for i, (indicator_id, _) in chosen.items()}
        repeats: dict[int, tuple[str, float]] = {}
        for index, scores in options.items():
            # A repeat is told by its best guess too, when no indicator clears the bar.
            best = max(scores, key=scores.__getitem__) if scores else guesses.get(index)
            if index in chosen or best is None:
                continue
            first = used.get((best, mentions[index].year, mentions[index].kind))
            m = mentions[index]
            if first is not None and abs(mentions[first].value - m.value) < 1e-9 and mentions[first].unit == m.unit:
                m.note = f"có thể lặp lại số ở dòng {mentions[first].line}"
                m.confidence = min(m.confidence, 0.3)
                repeats[index] = (best, scores.get(best, REPEAT_GUESS))  # shown with the indicator it repeats
        chosen.update(repeats)
        # Relations take the indicator of what they speak of: B of A/B, % of plan, change, NQ target.
        for index, m in enumerate(mentions):
            if index in chosen:
                continue
            source = m.partner if m.role == "ratio_b" else m.subject
            if source is None or source not in chosen:
                continue
            if m.role != "ratio_b" and m.kind not in relational and not m.relational:
                continue
            indicator_id, score = chosen[source]
            key = (indicator_id, m.year, m.kind)
            if key in used and m.kind != "pct_of_target":
                continue
            if key in used:  # a share of a second plan ("68% dự toán tỉnh, 61,5% dự toán huyện"): staff choose
                m.note = f"chỉ tiêu đã có số cùng loại ở dòng {mentions[used[key]].line}: chọn một"
                m.confidence = min(m.confidence, 0.5)
                chosen[index] = (indicator_id, score)
                continue
            used[key] = index
            chosen[index] = (indicator_id, score)
        return chosen

