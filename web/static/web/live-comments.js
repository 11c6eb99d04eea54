// A live session's comments (issue 13): listens to "ocop:live" events (live-events.js) and
// keeps the list in web/live/_comments.html current. Bodies and names are set as text, never
// as HTML, so nothing in a comment becomes a link. The moderation buttons of a new comment
// come from the section's <template>, its action addresses filled in with the ids.
(function () {
  "use strict";
  if (window.ocopLiveComments) {
    return; // an htmx swap brought this script again
  }
  window.ocopLiveComments = true;
  var KEEP = 100; // comments kept on the page

  function section() {
    return document.querySelector("[data-live-comments]");
  }

  function fill(form, data) {
    ["action", "hx-post"].forEach(function (name) {
      var value = form.getAttribute(name);
      if (value) {
        form.setAttribute(
          name,
          value
            .replace("/binh-luan/0/", "/binh-luan/" + data.id + "/")
            .replace("/nguoi-xem/0/", "/nguoi-xem/" + data.author_id + "/")
        );
      }
    });
  }

  function add(root, data) {
    if (document.getElementById("live-comment-" + data.id)) {
      return; // already shown (the page's render, or a replay after a reconnect)
    }
    var list = root.querySelector("[data-live-comment-list]");
    var template = root.querySelector("template[data-live-comment-template]");
    if (!list || !template) {
      return;
    }
    var item = template.content.firstElementChild.cloneNode(true);
    item.id = "live-comment-" + data.id;
    item.setAttribute("data-comment-id", String(data.id));
    item.setAttribute("data-author-id", String(data.author_id));
    if (data.author_name) {
      item.querySelector(".live-comment__author").textContent = data.author_name;
    }
    item.querySelector(".live-comment__body").textContent = data.body;
    var author = String(data.author_id);
    Array.prototype.forEach.call(item.querySelectorAll("form"), function (form) {
      if (
        form.hasAttribute("data-live-mute") &&
        (author === root.getAttribute("data-viewer-id") ||
          author === root.getAttribute("data-host-id"))
      ) {
        form.parentNode.removeChild(form);
      } else {
        fill(form, data);
      }
    });
    list.appendChild(item);
    while (list.children.length > KEEP) {
      list.removeChild(list.firstElementChild);
    }
    var empty = root.querySelector("[data-live-comments-empty]");
    if (empty) {
      empty.hidden = true;
    }
    if (window.htmx) {
      window.htmx.process(item);
    }
  }

  document.addEventListener("ocop:live", function (event) {
    var root = section();
    var detail = event.detail || {};
    if (!root || !detail.data) {
      return;
    }
    if (detail.kind === "comment.posted") {
      add(root, detail.data);
    } else if (detail.kind === "comment.hidden") {
      var gone = document.getElementById("live-comment-" + detail.data.id);
      if (gone) {
        gone.parentNode.removeChild(gone);
      }
    } else if (
      detail.kind === "user.muted" &&
      String(detail.data.user_id) === root.getAttribute("data-viewer-id")
    ) {
      var form = root.querySelector("[data-live-comment-form]");
      if (form) {
        form.hidden = true;
      }
      var notice = root.querySelector("[data-live-muted-notice]");
      if (notice) {
        notice.hidden = false;
      }
    }
  });
})();
