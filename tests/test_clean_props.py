"""Property-based: random and mutated HTML and text never make either entry point raise or
hang, and a page is either a body or a reason."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curator.clean import clean_html, clean_text

BASE = ("<html><head><title>T</title></head><body><nav>Home › News</nav><article><h1>Headline here</h1>"
        + "<p>The council approved the harbour budget after a long and heated debate on Tuesday.</p>" * 6
        + "<figcaption>A ship. (Photo by Reuters)</figcaption></article><footer>© 2026 X</footer></body></html>")  # fmt: skip
SETTINGS = settings(max_examples=40, deadline=5000, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def mutated(draw):
    data = bytearray(BASE.encode())
    for _ in range(draw(st.integers(1, 8))):
        pos = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["insert", "delete", "flip"]))
        chunk = draw(
            st.binary(min_size=1, max_size=20)
            | st.sampled_from([b"<div>", b"</p>", b"<", b"&#", b"\x00", b"\xff"])
        )
        if op == "insert":
            data[pos:pos] = chunk
        elif op == "delete":
            del data[pos : pos + len(chunk)]
        elif data:
            data[min(pos, len(data) - 1)] ^= 0xFF
    return bytes(data)


def well_behaved(cleaned):
    assert cleaned.rejected or cleaned.text.strip()
    assert isinstance(cleaned.metadata, dict)


@SETTINGS
@given(mutated())
def test_mutated_html_never_raises(data):
    well_behaved(clean_html(data))
    well_behaved(clean_text(data))


@SETTINGS
@given(st.text(max_size=2000) | st.binary(max_size=2000))
def test_random_input_never_raises(data):
    well_behaved(clean_html(data))
    well_behaved(clean_text(data))
