"""A product's story (catalog/story.py): what the editor sends, as HTML from its toolbar or
as the textarea's markup, becomes a few allow-listed blocks; everything else is stripped."""

from __future__ import annotations

from catalog.story import blocks_from_html, safe_story, story_as_text, to_html
from catalog.story_blocks import new_photo_blocks, photo_check
from catalog.story_text import blocks_from_text, to_text

CHECK = photo_check({7}, new_photos=1)


def _clean(html: str) -> str:
    return to_html(blocks_from_html(html, CHECK))


def test_it_keeps_paragraphs_headings_emphasis_lists_and_our_photos() -> None:
    # given the toolbar's HTML with every kind of block
    sent = (
        "<h2>Mùa hoa ban</h2><p>Mật <b>rừng</b>, <i>không</i> đun<br>nóng.</p>"
        "<h3>Cách dùng</h3><ul><li>Pha nước ấm</li><li>Chấm bánh</li></ul>"
        '<ol><li>Một</li></ol><img src="/anh-cau-chuyen/7/" alt="Tổ ong"><img src="#anh-moi-0">'
    )
    # when it is cleaned
    stored = _clean(sent)
    # then it is kept, in our canonical shape
    assert stored == (
        "<h2>Mùa hoa ban</h2>\n<p>Mật <strong>rừng</strong>, <em>không</em> đun<br>nóng.</p>\n"
        "<h3>Cách dùng</h3>\n<ul><li>Pha nước ấm</li><li>Chấm bánh</li></ul>\n"
        '<ol><li>Một</li></ol>\n<p><img src="/anh-cau-chuyen/7/" alt="Tổ ong"></p>\n'
        '<p><img src="#anh-moi-0" alt=""></p>'
    )


def test_it_strips_scripts_handlers_links_styles_and_foreign_images() -> None:
    # given hostile HTML
    sent = (
        '<p onclick="steal()" style="color:red" class="x">Chào<script>alert(1)</script></p>'
        '<img src="x" onerror="alert(2)"><img src="javascript:alert(3)">'
        '<img src="https://evil.example/a.png"><img src="//evil.example/a.png">'
        '<img src="data:image/png;base64,AAAA"><img src="/media/stories/a.png">'
        '<img src="/anh-cau-chuyen/8/"><img src="#anh-moi-1">'
        '<a href="javascript:alert(4)">bấm</a><iframe src="https://evil.example"></iframe>'
        "<style>p{}</style><svg onload=alert(5)></svg><!-- x -->"
    )
    # when it is cleaned
    stored = _clean(sent)
    # then only the text is left: no script, handler, style, link or image not ours
    assert stored == "<p>Chào</p>\n<p>bấm</p>"


def test_it_escapes_text_that_looks_like_markup() -> None:
    # given text with angle brackets and ampersands, typed without JavaScript
    typed = "1 < 2 & <script>alert(1)</script>"
    # when it is read as the textarea's markup
    stored = to_html(blocks_from_text(typed, CHECK))
    # then it is text, escaped
    assert stored == "<p>1 &lt; 2 &amp; &lt;script&gt;alert(1)&lt;/script&gt;</p>"


def test_it_reads_the_textarea_markup_and_writes_it_back_unchanged() -> None:
    # given a story typed without JavaScript
    typed = (
        "## Mùa hoa\n\nMật **rừng** và *mật nuôi*.\nDòng hai.\n\n- Pha nước\n- Chấm bánh\n\n"
        "1. Mở nắp\n2. Dùng\n\n![Tổ ong](/anh-cau-chuyen/7/)\n\n### Bảo quản"
    )
    # when it is read, then written as markup
    blocks = blocks_from_text(typed, CHECK)
    # then the markup is what was typed, and the HTML holds each block
    assert to_text(blocks) == typed
    assert to_html(blocks).startswith(
        "<h2>Mùa hoa</h2>\n<p>Mật <strong>rừng</strong> và <em>mật nuôi</em>.<br>Dòng hai.</p>"
    )
    # and the plain text (search, the API) has no markup and no photo
    assert to_text(blocks, marks=False) == (
        "Mùa hoa\n\nMật rừng và mật nuôi.\nDòng hai.\n\n- Pha nước\n- Chấm bánh\n\n"
        "1. Mở nắp\n2. Dùng\n\nBảo quản"
    )


def test_it_keeps_an_image_line_only_for_our_photos() -> None:
    # given image lines to our photo, another product's photo and a foreign host
    typed = (
        "![a](/anh-cau-chuyen/7/)\n\n![b](/anh-cau-chuyen/9/)\n\n![c](https://evil.example/c.png)"
    )
    # when read
    stored = to_html(blocks_from_text(typed, CHECK))
    # then only ours is an image; the others stay as the text the seller typed
    assert stored == (
        '<p><img src="/anh-cau-chuyen/7/" alt="a"></p>\n<p>![b](/anh-cau-chuyen/9/)</p>\n'
        "<p>![c](https://evil.example/c.png)</p>"
    )


def test_it_puts_new_photos_the_story_does_not_place_at_its_end() -> None:
    # given a story placing the second of three uploaded photos
    blocks = blocks_from_html('<p>A</p><img src="#anh-moi-1">', photo_check((), new_photos=3))
    # when every upload must appear
    done = new_photo_blocks(blocks, 3)
    # then the other two follow, in the order chosen, each with its stored id once saved
    assert to_html(done, [11, 12, 13]) == (
        '<p>A</p>\n<p><img src="/anh-cau-chuyen/12/" alt=""></p>\n'
        '<p><img src="/anh-cau-chuyen/11/" alt=""></p>\n'
        '<p><img src="/anh-cau-chuyen/13/" alt=""></p>'
    )


def test_it_cleans_a_stored_story_again_for_the_page() -> None:
    # given a story row written by hand with a handler and a foreign image
    stored = '<h2>Tựa</h2><p onmouseover="x()">Chữ</p><img src="https://evil.example/x.png">'
    stored += '<img src="/anh-cau-chuyen/3/" alt="Ảnh">'
    # when it is shown on the product page (inside its own h2 section)
    shown = safe_story(stored, "Tựa\n\nChữ")
    # then headings go one level down, photos load lazily, and the rest is gone
    assert shown == (
        '<h3>Tựa</h3>\n<p>Chữ</p>\n<p><img src="/anh-cau-chuyen/3/" alt="Ảnh" loading="lazy"></p>'
    )
    assert story_as_text(stored) == "## Tựa\n\nChữ\n\n![Ảnh](/anh-cau-chuyen/3/)"


def test_it_shows_no_story_the_description_has_moved_away_from() -> None:
    # given a story, and a description the API's productUpdate changed since
    stored = "<h2>Tựa</h2><p>Chữ cũ</p>"
    # then the story is not shown over the new description, only over its own text
    assert safe_story(stored, "Chữ mới") == ""
    assert safe_story(stored, "Tựa\n\nChữ cũ") == "<h3>Tựa</h3>\n<p>Chữ cũ</p>"
    assert safe_story("", "") == ""


def test_it_wraps_loose_text_and_divs_from_a_contenteditable_in_paragraphs() -> None:
    # given what a browser's contenteditable may produce
    sent = "Dòng đầu<div>Dòng hai</div><div><br></div><h1>Lớn</h1><h5>Nhỏ</h5>"
    # when cleaned
    stored = _clean(sent)
    # then each line is a paragraph, empty ones are dropped, headings are h2/h3 only
    assert stored == "<p>Dòng đầu</p>\n<p>Dòng hai</p>\n<h2>Lớn</h2>\n<h3>Nhỏ</h3>"
