from spmd.textcodec import decode_extract


def test_utf8_with_bom_and_crlf():
    assert decode_extract("\ufeffa;b\r\nÉ;ï\r\n".encode("utf-8"), "utf-8") == "a;b\nÉ;ï\n"


def test_windows_1252_specials():
    text = "€ œ ’ Éloïse"
    assert decode_extract(text.encode("cp1252"), "cp1252") == text


def test_utf8_declared_but_windows_1252_sent_is_refused():
    assert decode_extract("ÉLOÏSE".encode("cp1252"), "utf-8") is None


def test_windows_1252_declared_but_utf8_sent_is_refused():
    # would otherwise decode as mojibake 'Ã‰LOÃ\x8fSE'
    assert decode_extract("ÉLOÏSE".encode("utf-8"), "cp1252") is None


def test_ascii_is_valid_in_both():
    assert decode_extract(b"a;b\n", "cp1252") == "a;b\n"


def test_binary_file_is_refused():
    assert decode_extract(b"PK\x03\x04\x00\x00binary", "utf-8") is None


def test_null_in_null_out():
    assert decode_extract(None, "utf-8") is None


def test_profile_counts_lines_and_flags_padded_fields():
    """The profile that sends a file to DuckDB's CSV reader: counts, uniformity, and
    whether any field is padded with blanks (only then is every field trimmed)."""
    import json

    from spmd.textcodec import profile_extract

    def profile(body: bytes, encoding: str = "utf-8", delimiter: str = ";") -> dict:
        return json.loads(profile_extract(body, encoding, delimiter))

    clean = profile(b"a;b\n1;deux mots\n3;4\n")
    assert (clean["data_lines"], clean["uniform"], clean["padded"]) == (2, True, False)
    for padded in (b"a;b\n1 ;2\n", b"a;b\n1; 2\n", b"a;b\n1;2 \n", b"a;b\n 1;2\n", b"a;b\n1;\t2\n"):
        assert profile(padded)["padded"], padded
    assert profile(b"a;b\n1;2\n\n3;4\n")["uniform"] is False      # a blank line
    assert profile(b"a;b\n1;2;3\n")["uniform"] is False           # a long line
    assert profile(b"a,b\n1, 2\n", "latin-1", ",")["padded"]      # decoded path
    assert profile(b"a||b\n1||2\n", "utf-8", "||") == {"decodable": True, "header": ["a", "b"],
                                                        "data_lines": 1, "uniform": True, "padded": False}
