"""The assignment of indicators to the numbers of a report: each number one indicator, each indicator
once per (year, kind), the summed score as high as greedy choice and pairwise swaps make it."""
from __future__ import annotations


def assign(options: dict[int, dict[str, float]], group) -> dict[int, tuple[str, float]]:
    """Give each candidate one indicator, each indicator once per (year, kind), maximising the summed
    score: greedy by score, then swaps between two candidates while they raise the total."""
    chosen: dict[int, str] = {}
    taken: dict[tuple, int] = {}
    ranked = sorted(((score, index, ind) for index, scores in options.items() for ind, score in scores.items()),
                    key=lambda item: (-item[0], item[1], item[2]))
    for _score, index, ind in ranked:
        key = (ind, *group(index))
        if index in chosen or key in taken:
            continue
        chosen[index], taken[key] = ind, index
    improved = True
    while improved:
        improved = False
        for index, scores in options.items():
            current = options[index].get(chosen.get(index, ""), 0.0)
            for ind, score in sorted(scores.items(), key=lambda kv: -kv[1]):
                if score <= current or ind == chosen.get(index):
                    continue
                holder = taken.get((ind, *group(index)))
                if holder is None:
                    if index in chosen:
                        del taken[(chosen[index], *group(index))]
                    chosen[index], taken[(ind, *group(index))] = ind, index
                    improved = True
                    break
                mine = chosen.get(index)
                holder_now = options[holder][ind]
                holder_then = options[holder].get(mine, 0.0) if mine else 0.0
                if score + holder_then > current + holder_now + 1e-9:
                    if mine is not None and holder_then > 0:
                        chosen[holder], taken[(mine, *group(holder))] = mine, holder
                    else:
                        del chosen[holder]
                        if mine is not None:
                            del taken[(mine, *group(index))]
                    chosen[index], taken[(ind, *group(index))] = ind, index
                    improved = True
                    break
            if improved:
                break
    return {index: (ind, options[index][ind]) for index, ind in chosen.items()}
