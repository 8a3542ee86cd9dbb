"""Groups before classes: each group one hue (Okabe-Ito, safe for colour-blind readers), its classes
shades of that hue, so the legend is five entries with the classes nested under them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Group:
    """One legend entry: a name, a hue and its classes (most general first)."""

    key: str
    name: str
    colour: str
    classes: tuple[str, ...]


GROUPS = (
    Group("actors", "Actors", "#0072B2",
          ("Actor", "Country", "Person", "GovernmentBody", "Organization", "ArmedForces", "IntelligenceAgency",
           "MediaOutlet", "UnnamedSource")),
    Group("targets", "Infrastructure targets", "#D55E00",
          ("InfrastructureTarget", "EnergyInfrastructure", "PowerPlant", "NuclearPowerPlant", "OilRefinery",
           "OilGasFacility", "FuelStorage", "Pipeline", "Substation", "Dam", "Port", "Tanker")),
    Group("proposals", "Proposals", "#009E73", ("Proposal", "Commitment")),
    Group("events", "Events", "#CC79A7", ("Event", "Talks", "Agreement", "Attack", "Violation")),
    Group("statements", "Statements", "#E69F00", ("Statement",)),
)
FOLDED = {"Statement": "speaker", "Commitment": "proposal"}
"""Classes hidden by default, each folded into the node it belongs to (shown from that node's panel)."""

GROUP_OF = {cls: g for g in GROUPS for cls in g.classes}
DEPTH = {"Actor": 0, "InfrastructureTarget": 0, "Event": 0, "Proposal": 0, "Commitment": 0, "Statement": 0,
         "EnergyInfrastructure": 1, "Organization": 1, "PowerPlant": 2, "NuclearPowerPlant": 3}


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def shade(colour: str, k: int, n: int) -> str:
    """The k-th of n shades of a hue: from a darker tone through the hue itself to a lighter one."""
    if n <= 1:
        return colour
    t = -0.35 + 0.8 * k / (n - 1)
    r, g, b = hex_rgb(colour)
    mix = (lambda c: c + (255 - c) * t) if t >= 0 else (lambda c: c * (1 + t))
    return "#{:02x}{:02x}{:02x}".format(*(round(mix(c)) for c in (r, g, b)))


def class_colours() -> dict[str, str]:
    """Every class's colour: a shade of its group's hue."""
    out = {}
    for g in GROUPS:
        for k, cls in enumerate(g.classes):
            out[cls] = shade(g.colour, k, len(g.classes))
    return out


COLOURS = class_colours()


def main_class(classes: list[str]) -> str | None:
    """The most specific known class of a node (NuclearPowerPlant over PowerPlant), ties by name."""
    known = sorted(c for c in classes if c in GROUP_OF)
    if not known:
        return None
    return max(known, key=lambda c: (DEPTH.get(c, 1), -known.index(c)))


def legend(present: set[str]) -> list[dict]:
    """Groups with the classes present in the graph, for the page's nested legend."""
    out = []
    for g in GROUPS:
        classes = [{"cls": c, "colour": COLOURS[c]} for c in g.classes if c in present]
        if classes:
            out.append({"key": g.key, "name": g.name, "colour": g.colour, "shown": g.key != "statements",
                        "classes": classes})
    return out
