/* The product editor's progressive enhancement (web/seller/product_form.html).

   1. The story: without JavaScript the seller types paragraphs in a textarea (a tiny
      markup: ## heading, - list, **bold**, *italic*). Here a contenteditable with a small
      toolbar replaces it and sends its HTML as "story_html"; the server sanitises it with
      nh3 and keeps only its own structure (catalog/story.py), so nothing here is trusted.
      Our own ~4 KB rather than Trix (about 50 KB gzip of JS and CSS on a seller's phone):
      Trix's document model writes <div>/<br> and <figure data-trix-attachment> JSON that
      we would translate back, has one heading level, and uploads attachments on its own
      endpoint before the form is saved, while ours go with the form, so a refused form
      stores nothing.
      A new photo is a file input of its own (name "story_photos") and an <img> shown from
      a blob: URL; on submit each such image becomes "#anh-moi-<n>", n being its input's
      place among the inputs sent, in the story's order.
   2. Label facts: only those the chosen product group asks for are shown (and sent). */
(function () {
  "use strict";

  function storyEditor() {
    var area = document.getElementById("f_description");
    var source = document.getElementById("story-html");
    if (!area || !source || !document.execCommand || !window.URL) return;
    var form = area.form;
    var field = area.parentNode;
    var label = field.querySelector("label[for=f_description]");
    var hint = document.getElementById("f_description-hint");
    var labels = source.dataset;
    var editor = document.createElement("div");
    var box = document.createElement("div");
    var html = document.createElement("input");
    var inputs = {};
    var next = 0;

    area.id = "f_description-text";
    area.hidden = true;
    area.disabled = true;
    label.id = "f_description-label";
    label.removeAttribute("for");
    if (hint && hint.dataset.rich) hint.textContent = hint.dataset.rich;
    editor.id = "f_description";
    editor.className = "story-editor prose";
    editor.contentEditable = "true";
    editor.tabIndex = -1;
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    editor.setAttribute("aria-labelledby", label.id);
    if (area.getAttribute("aria-describedby")) {
      editor.setAttribute("aria-describedby", area.getAttribute("aria-describedby"));
    }
    if (area.getAttribute("aria-invalid")) editor.setAttribute("aria-invalid", "true");
    editor.innerHTML = source.innerHTML;
    editor.tabIndex = 0;
    html.type = "hidden";
    html.name = "story_html";
    box.hidden = true;

    var bar = document.createElement("div");
    bar.className = "story-toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", labels.toolbar);
    bar.setAttribute("aria-controls", editor.id);
    [
      ["p", "¶", "formatBlock", "<p>"],
      ["h2", "H", "formatBlock", "<h2>"],
      ["h3", "h", "formatBlock", "<h3>"],
      ["bold", "B", "bold"],
      ["italic", "I", "italic"],
      ["ul", "•", "insertUnorderedList"],
      ["ol", "1.", "insertOrderedList"],
      ["photo", "+ " + labels.photo, "photo"]
    ].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "story-tool story-tool-" + spec[0];
      button.textContent = spec[1];
      button.setAttribute("aria-label", labels[spec[0]]);
      button.title = labels[spec[0]];
      button.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the caret in the story
      });
      button.addEventListener("click", function () {
        if (spec[2] === "photo") return choosePhoto();
        editor.focus();
        document.execCommand(spec[2], false, spec[3] || null);
      });
      bar.appendChild(button);
    });

    function choosePhoto() {
      var input = document.createElement("input");
      var key = String(next++);
      input.type = "file";
      input.name = "story_photos";
      input.accept = "image/jpeg,image/png,image/webp";
      input.setAttribute("aria-label", labels.photoLabel);
      input.dataset.photo = key;
      box.appendChild(input);
      input.addEventListener("change", function () {
        if (!input.files || !input.files[0]) return;
        var url = URL.createObjectURL(input.files[0]);
        inputs[key] = input;
        editor.focus();
        document.execCommand("insertImage", false, url);
        var image = editor.querySelector('img[src="' + url + '"]');
        if (image) {
          image.dataset.photo = key;
          image.alt = "";
        }
      });
      input.click();
    }

    field.insertBefore(bar, area);
    field.insertBefore(editor, area);
    form.appendChild(box);
    form.appendChild(html);
    try {
      document.execCommand("defaultParagraphSeparator", false, "p");
    } catch (ignored) {
      /* older engines: the server turns <div>s into paragraphs */
    }
    var plain = document.getElementById("story-photos-field");
    if (plain) {
      plain.hidden = true;
      plain.querySelector("input").disabled = true;
    }

    form.addEventListener("submit", function () {
      var copy = editor.cloneNode(true);
      var sent = [];
      Array.prototype.forEach.call(copy.querySelectorAll("img[data-photo]"), function (image) {
        var input = inputs[image.dataset.photo];
        if (!input || sent.indexOf(input) >= 0) {
          image.parentNode.removeChild(image);
          return;
        }
        image.setAttribute("src", "#anh-moi-" + sent.length);
        image.removeAttribute("data-photo");
        sent.push(input);
      });
      Array.prototype.forEach.call(box.querySelectorAll("input"), function (input) {
        input.disabled = sent.indexOf(input) < 0;
      });
      sent.forEach(function (input) {
        box.appendChild(input); // the story's order is the order the files are sent in
      });
      html.value = copy.innerHTML;
    });
  }

  function labelFacts() {
    var select = document.getElementById("f_category");
    var facts = document.querySelectorAll("[data-fact]");
    if (!select || !facts.length) return;
    function show() {
      var option = select.options[select.selectedIndex];
      var chosen = option && option.value ? option.getAttribute("data-facts") : null;
      var asked = (chosen === null ? select.dataset.allFacts || "" : chosen).split(" ");
      var any = false;
      Array.prototype.forEach.call(facts, function (field) {
        var on = asked.indexOf(field.dataset.fact) >= 0;
        field.hidden = !on;
        field.querySelector("input, textarea").disabled = !on;
        any = any || on;
      });
      document.getElementById("label-facts").hidden = !any;
    }
    select.addEventListener("change", show);
    show();
  }

  storyEditor();
  labelFacts();
})();
