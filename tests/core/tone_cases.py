"""A development corpus for the tone checker: drafts a stressed seller might send, and kind ones.

Every draft answers an unhappy customer (a lost or late parcel, damage, a refund or return, a
review, a rude message). The sets were written in rounds, each before the rules it measures:
``*_DEV`` and ``*_HELD_OUT`` before any rule existed (the rules were designed with both in view,
so the held-out half is only half unseen), ``*_FRESH`` after the first rules, ``*_LATE`` after
the second and ``*_FINAL`` after the third; each later set was measured once before the rules
were generalised again (the figures are in ``test_tone.py``). None of these sentences may be
copied into the rules: write patterns that describe the habit, not the example (a test checks
this).
"""

from __future__ import annotations

#: Replies that should not be sent as they are: defensive, blaming, accusing, dismissive,
#: sarcastic, rude, shouting, hiding behind policy.
HOSTILE_DEV: list[str] = [
    "I posted it the day after you ordered. What happens after that is down to Royal Mail, not me.",
    "Tracking says delivered. I can't help you if you won't check with your neighbours.",
    "You chose the cheapest shipping option, so delays are to be expected.",
    "The size chart is right there in the listing. You should have measured before ordering.",
    "I've been making these mugs for eight years and nobody has ever complained about the handle.",
    "Honestly I don't know what you expect me to do about a strike at the sorting office.",
    "As I said in my last message, refunds are only given once the item is returned.",
    "Calm down, it's a candle, not the end of the world.",
    "If you had read the description you would know it's hand-dyed and every skein is different.",
    "No refunds on custom orders. It says so in my shop policies.",
    "That's not how the colour looks in real life? Maybe fix your screen.",
    "Sorry you feel that way, but the print was perfect when it left me.",
    "I packed it in three layers of bubble wrap. If it broke, the courier must have thrown it.",
    "Look, I'm a one-woman shop, I don't have time to chase every lost parcel.",
    "WHERE did you get the idea that shipping was free?",
    "You entered the address wrong, so that's on you.",
    "Wow, thanks for the one-star review. Really helpful for a small business.",
    "I'm not paying for return postage for your mistake.",
    "Per my policy, all sales are final. There is nothing more to discuss.",
    "It's handmade. If you wanted perfect, buy from a factory.",
    "The parcel is with the carrier, so it's their problem now, not mine.",
    "Did you even open the box properly? The earrings are taped under the card.",
    "I already told you twice: it ships in 3-5 weeks. Stop messaging me about it.",
    "This is ridiculous. You wore the dress and now you want your money back?",
    "Fine, whatever. Send it back and I'll refund you, happy now?",
    "Not my problem the courier left it in the rain.",
    "It's clearly stated on the listing that colours may vary. Please read before you buy "
    "next time.",
    "You're the only customer who has ever had an issue with this.",
    "Ugh, another one. The tracking shows it was delivered, I'm not sending another.",
    "Your damn dog chewed the box, that's not damage in transit.",
    "I can't be held responsible for what USPS does once it leaves my hands.",
    "Of course it arrived late, you ordered it two days before Christmas. What did you expect?",
    "I don't appreciate being called a scammer. I shipped it, end of story.",
    "You must have dropped it. These don't just crack on their own.",
    "I'm not going to argue with you about this any further.",
    "Refunds are at my discretion, and I'm choosing not to give one.",
    "Maybe next time check your size before leaving a nasty review.",
    "THIS IS THE THIRD TIME I HAVE EXPLAINED THIS!!!",
    "I did everything right on my end. Take it up with Evri.",
    "Seriously?? It's a $12 keychain.",
    "That's just how linen looks, it's supposed to wrinkle. Google it.",
    "You people always want something for free.",
    "Don't threaten me with a bad review, it won't work.",
    "It was fine when I shipped it. I have photos to prove it, so don't try that.",
    "If you can't handle a small scratch, maybe handmade isn't for you.",
    "I'm sorry, but it is not my responsibility to track down your parcel.",
    "What part of 'made to order' did you not understand?",
    "The bloody courier strikes again, nothing I can do.",
    "Policy is policy. I can't make exceptions for everyone who complains.",
    "Like I said, the item was described accurately. I won't be issuing a refund.",
    "Why would I pay for your mistake???",
    "lol no. read the policy.",
]

#: Kind replies: they apologise or thank, own the problem and offer a way forward, and they use
#: the ordinary vocabulary of a good reply (unfortunately, policy, the courier, "not your fault").
KIND_DEV: list[str] = [
    "I'm so sorry your mug arrived chipped. Could you send me a quick photo? I'll get a "
    "replacement out to you this week.",
    "Thank you for letting me know, and I'm sorry the parcel is late. I've checked the tracking "
    "and it's moving again; I'll keep an eye on it and message you on Thursday.",
    "Unfortunately the print sold out, but I'd love to offer you a full refund or a similar print "
    "in the same size. Which would you prefer? Sorry again for the disappointment.",
    "I'm sorry about this. Our policy allows 30 days for returns, and I'm happy to send you a "
    "prepaid label today.",
    "I'm really sorry this happened. It's not your fault at all — the box must have been squashed "
    "on the way. A new one is on its way.",
    "Thanks so much for your patience!! Your order shipped this morning and should be with you "
    "by Saturday.",
    "Hi Karen, I'm sorry the earrings weren't what you expected. Would an exchange for the smaller "
    "size help? I'll cover the postage.",
    "I completely understand how frustrating it is to wait for a gift. I've opened a trace with "
    "USPS and will update you by Friday.",
    "Thank you for the honest review. I'm sorry the candle tunnelled; trimming the wick to 5mm "
    "helps, and I'd like to send you a fresh one on me.",
    "Oh no, I'm so sorry! That's definitely not how it should have arrived. Please keep it or "
    "recycle it, and I'll post a replacement tomorrow.",
    "Apologies for the slow reply — I was at a market all weekend. I've refunded the shipping "
    "cost as a thank you for waiting.",
    "I'm sorry the colour looks different in person. Screens vary a lot, and I'd be happy to take "
    "it back for a full refund if you'd rather.",
    "Thanks for sending the photos, they really help. I've filed a claim with Royal Mail, and "
    "your replacement will ship Monday regardless of the outcome.",
    "I'm sorry it's been such a long wait. Custom pieces take me about three weeks, and yours is "
    "in the kiln now; I'll send a photo as soon as it's out.",
    "My apologies, that was my mistake — I sent the wrong size. A correct one is on its way, and "
    "please keep the first as a little gift.",
    "I'm so sorry to hear the necklace broke. Could you tell me where the chain snapped? I'll "
    "repair it or send a new one, whichever you'd prefer.",
    "Thank you for reaching out. The tracking shows it was delivered on Tuesday; could you check "
    "with your neighbours or your building's mailroom? If it hasn't turned up by Friday I'll "
    "send another.",
    "Unfortunately the courier marked it as delivered, which I know is frustrating when it isn't "
    "there. I've started a claim and will make sure you're not left out of pocket.",
    "I really appreciate you taking the time to write. You're right, the listing should have "
    "mentioned the size more clearly, and I've updated it. I'd like to refund half the order "
    "for the trouble.",
    "Sorry for the mix-up with your order #A1042! I've sent the missing coasters today by "
    "tracked post.",
    "Thank you for understanding. As a small shop I can't always offer free returns, but in this "
    "case I'll cover the postage.",
    "I'm sorry the print arrived bent. The packaging clearly wasn't strong enough, and that's on "
    "me. I'm sending a new one in a rigid mailer.",
    "Hi Tom, thanks for your message. I'm sorry customs charged you extra — that's so annoying. "
    "I'll refund the fee if you can send me the receipt.",
    "So sorry for the delay!! The post office is running behind this week, but your parcel is on "
    "its way and I've added a little extra.",
    "I'm sorry you're disappointed with the scarf. Would you like to swap it for another colour, "
    "or would a refund suit you better?",
    "Thank you for your order and for letting me know. The PDF link had expired; here's a fresh "
    "one, and I've extended it to 30 days.",
    "I understand, and I'm sorry. Please send it back whenever suits you and I'll refund as soon "
    "as it arrives.",
    "I'm so sorry about the leak. Glass bottles don't always survive rough handling; I've "
    "switched to a sturdier box and I'm sending you a new set today.",
    "Thanks for flagging this! You're absolutely right, the clasp is loose. I'll send a "
    "replacement clasp and a padded pouch.",
    "I'm sorry for the trouble. Our return window is 14 days, but I'm happy to make an exception "
    "here since the parcel arrived late.",
    "Sorry to hear the ring is too big. Resizing is free, so pop it back in the post and I'll "
    "have it back to you within a week.",
    "Thank you so much for your kind words about the packaging, and I'm sorry the soap arrived "
    "cracked. A replacement bar is on its way.",
    "I'm really sorry your order hasn't arrived yet. Tracking shows it's stuck in customs, which "
    "I can't speed up, but I've contacted DHL and will update you the moment I hear back.",
    "Thanks for your patience while I looked into this. It seems the address was missing a flat "
    "number, so the parcel came back to me. Could you confirm the full address? I'll resend it "
    "free of charge.",
    "I'm sorry you had to chase me. I should have replied sooner. Your refund of £18.50 has been "
    "processed and should appear in 3–5 days.",
    "Sorry about that! The wrong file was attached. Here's the correct SVG — enjoy, and let me "
    "know if anything else is off.",
    "Thanks for letting me know about the review; I'm sorry the experience fell short. I'd love "
    "the chance to make it right — would a replacement help?",
    "I'm sorry the dye ran in the wash. A cold wash usually prevents it, and I should have "
    "included care instructions. I'll send a new one with a card this time.",
    "Thank you for being so understanding about the strike. I'm sorry it's taking longer than "
    "usual. I'll check the tracking daily and let you know as soon as it moves.",
    "I'm sorry, I know how disappointing it is when a gift doesn't arrive in time. I've refunded "
    "your shipping and the parcel should arrive Monday.",
    "Hello! Thank you for your message. I'm sorry the lid doesn't fit snugly. That shouldn't "
    "happen, so I'll send a new lid straight away.",
    "Thanks for your honesty. I'm sorry the print is smaller than you pictured. I'd be happy to "
    "exchange it for the A3 version; just pay the difference and I'll cover postage.",
    "I'm so sorry for the confusion over the shipping cost. Let me refund the difference — it "
    "should never have been charged twice.",
    "Sorry your parcel took the scenic route! 😅 It's out for delivery today according to UPS. "
    "Let me know when it arrives?",
    "I hear you, and I'm sorry. Losing a parcel is stressful. I'm sending a replacement by "
    "tracked post today, and if the original turns up, please keep it.",
    "Thank you for the photos. I'm sorry the frame was scratched. I can offer a 20% refund if "
    "you'd like to keep it, or a full replacement.",
    "I'm sorry about the broken glaze, that's so disappointing. The kiln sometimes does that, and "
    "I should have caught it before posting. New bowl coming your way.",
    "Thank you for your patience. Unfortunately this item is handmade to order, so it takes about "
    "two weeks, but I'll send you a photo as soon as it's finished.",
    "I'm sorry, that must have been a shock when you opened the box! Please don't worry about "
    "sending it back; a replacement is on the way.",
    "Thanks for getting in touch, and I'm sorry your tee faded. Could you tell me how it was "
    "washed? Either way I'll send a new one.",
    "That sounds so frustrating, and I completely understand. I've opened a claim with Evri and "
    "a new one goes out tomorrow.",
    "THANK YOU for being so patient! Your replacement is on its way via USPS Priority.",
    "Unfortunately the blue is out of stock until March. I'm sorry! I can send the green now, or "
    "hold your order until the blue is back — whatever you prefer.",
]

HOSTILE_HELD_OUT: list[str] = [
    "The post office lost it, not me. You'll have to file a claim with them.",
    "Have you actually checked your mailbox, or are you just assuming it's lost?",
    "I don't control the weather or the mail, so I'm not sure why you're yelling at me.",
    "It says 'approximately 2 inches' in the description. Learn to read a ruler.",
    "No, I will not be refunding you. The item was exactly as pictured.",
    "Why are you messaging me at 11pm about a sticker?",
    "Every single one of my reviews is five stars except yours, so I think the problem is you.",
    "Maybe if you'd put your flat number on the order it would have arrived.",
    "You clearly didn't read the processing times before ordering.",
    "Please stop being so dramatic, the chip is barely visible.",
    "That's the courier's fault, not mine. Complain to them.",
    "I refuse to be bullied into a refund.",
    "Our terms say returns must be requested within 14 days. That was a month ago. No exceptions.",
    "Sure, I'll just work for free then. Anything else?",
    "Nope. Not happening.",
    "I shipped it on Monday like I said I would. The delay is entirely on the carrier's end.",
    "Are you serious? It's a minor scuff, it doesn't affect anything.",
    "I'm honestly shocked that someone would complain about a free gift.",
    "It's not a defect, it's handmade. There's a difference.",
    "You ordered the wrong colour. That's not something I can fix for free.",
    "I'm not a mind reader. If you wanted it gift wrapped you should have said so.",
    "Stop spamming my inbox. I will reply when I reply.",
    "What a joke of a review. I hope you're proud of yourself.",
    "If you wash it on hot, it shrinks. Obviously.",
    "I've answered this already. Scroll up.",
    "Frankly, I think you're trying to get a free necklace out of me.",
    "It's not my job to make sure you're home when it's delivered.",
    "READ THE LISTING. IT SAYS DIGITAL DOWNLOAD.",
    "Hey, mistakes happen, but this one is yours, not mine.",
    "Don't take your bad day out on me.",
    "I'm not responsible for customs fees. That's your country's rules, deal with it.",
    "You knew it was a pre-order when you bought it. Waiting is part of the deal.",
    "Nobody forced you to buy it.",
    "Sounds like a you problem honestly.",
    "Unbelievable. I bend over backwards and this is the thanks I get.",
    "Do you have any idea how long that quilt took me? And you call it cheap??",
    "It was delivered to the address YOU gave me.",
    "The fading is from you leaving it in the sun, not from the dye.",
    "Whatever you think you saw on the photo, the colour is correct.",
    "Sorry, rules are rules. No refund without the item back.",
    "I sent it. What more do you want from me?",
    "As stated three times now, international orders take 6 weeks.",
    "Go ahead and open a case, Etsy will side with me anyway.",
    "Yeah, I don't think so. The box was fine when it left my studio.",
    "Oh great, another 'lost' parcel. Convenient.",
    "I won't tolerate this kind of attitude from a customer.",
    "I'm not sure what you're on about, the order is correct.",
    "This crap again? It says delivered, so it's delivered.",
    "You broke it, you bought it.",
    "Please don't waste my time with photos that clearly show the box was opened and resealed "
    "by you.",
    "I'm SO sick of customers like you.",
    "F*** off with your refund demands.",
    "Honestly? That's on you, mate.",
]

KIND_HELD_OUT: list[str] = [
    "I'm so sorry the vase cracked on the way to you. Please send me a photo of the box when you "
    "have a moment, and I'll arrange a replacement straight away.",
    "Thank you for telling me. I've checked, and unfortunately the courier lost track of it in "
    "the depot. I'm sending a new one today by tracked post.",
    "I'm sorry the bracelet doesn't fit. Would you like me to remake it in a smaller size? "
    "There's no charge.",
    "Thanks for your patience, Maria! Your order is packed and goes out first thing tomorrow.",
    "I'm really sorry for the wait. It's not your fault the address label smudged, and it isn't "
    "something you should have to sort out. I've reprinted it and resent your order.",
    "I apologise for the mistake with your engraving. I'll redo it and send it express, free "
    "of charge.",
    "Sorry for the late reply! I've looked into the tracking and the parcel is at your local "
    "depot; it should be delivered tomorrow.",
    "Thank you so much for your feedback. I'm sorry the stitching came loose. I'd be glad to "
    "repair it or refund you in full, whichever you'd prefer.",
    "I'm sorry the print faded so quickly. That's not the quality I aim for. I'll send a "
    "replacement printed on archival paper.",
    "Thanks for letting me know it arrived damaged. I'm so sorry! Keep the pieces, no need to "
    "return them, and I'll refund you today.",
    "I understand completely, and I'm sorry for the inconvenience. Our policy normally asks for "
    "returns within 14 days, but I'm happy to accept this one.",
    "Thank you for your message. I'm sorry the download link isn't working. I've emailed you the "
    "files directly as a ZIP.",
    "I'm so sorry, I mixed up two orders. Yours is on its way now, and I've added a small "
    "thank-you gift for the trouble.",
    "Thank you for being patient with me. Unfortunately the post office is still closed after the "
    "storm, but I'll ship as soon as it reopens and send you the tracking number.",
    "I'm sorry to hear the candle arrived melted — the heatwave has been tough on parcels. I'll "
    "send a new one with a cold pack.",
    "Hi James, thanks for writing. I'm sorry the colour isn't what you hoped. Would you like to "
    "exchange it for the grey one?",
    "Sorry about the smudged card! I'll send a fresh one in a stiff envelope so it arrives flat.",
    "Thank you for the kind message and for your patience. The replacement shipped this morning "
    "(tracking RM123456789GB).",
    "I'm really sorry. I can see the parcel has been stuck for ten days, which isn't okay. I've "
    "filed a missing-item claim and will send a replacement on Monday if it hasn't moved.",
    "Thanks for raising this so politely. You're right that the listing photo was a bit "
    "misleading; I've retaken it. Would 25% back help?",
    "I'm sorry your gift didn't arrive in time for the birthday. That's really disappointing. "
    "I've refunded the express postage and the parcel should arrive tomorrow.",
    "I'm so sorry for the bad experience. I'd love to fix this for you: would a replacement or a "
    "refund suit you better?",
    "Thank you for sending the pictures! I'm so sorry about the crack. A new teapot is on its "
    "way, packed in double boxes this time.",
    "I'm sorry the package was left outside in the rain. I know that's frustrating. I'll send "
    "another one and ask the courier to get a signature.",
    "Sorry for the inconvenience! Unfortunately I can't change the delivery address once it's "
    "shipped, but I've asked the carrier to hold it at your local office.",
    "Thank you so much for your order!! I'm sorry it's taking a little longer than expected — it "
    "will ship Wednesday.",
    "I'm sorry the size chart confused you; it isn't very clear and I'll improve it. Please send "
    "the top back and I'll exchange it for a medium.",
    "I apologise. You should have received a confirmation email, and I'm looking into why it "
    "didn't send. Your order is confirmed and ships Friday.",
    "Thank you for your honest review. I'm sorry the soap didn't suit your skin. I've refunded "
    "you in full, no need to return it.",
    "I'm sorry about the missing earring back. I've popped two spares in the post for you today.",
    "Thanks for your patience, and sorry for the muddle with the tracking number. Here is the "
    "correct one: LX987654321DE.",
    "I'm truly sorry that the quilt arrived with a stain. Please send me a photo and I'll arrange "
    "a return label so I can replace it.",
    "I'm sorry it's been a frustrating week. Your refund has gone through and you should see it "
    "within five working days.",
    "Thank you for getting back to me. I'm sorry the repair didn't hold. I'll send you a brand "
    "new one instead.",
    "Sorry! That's my mistake: I wrote the wrong house number on the label. A new parcel left "
    "today with the right address.",
    "I'm sorry to hear you're unhappy with the portrait. I'd love to know what feels off so I can "
    "adjust it for you, free of charge.",
    "Thanks for your message and sorry for the delay in replying. The item is back in stock and "
    "I've reserved one for you.",
    "I'm sorry the glass arrived broken. Please don't cut yourself on the pieces. I'll send a new "
    "set by tracked post.",
    "I'm so sorry, I didn't realise the tracking hadn't updated. The parcel left on Tuesday and "
    "should reach you by Monday; I'll check in with you then.",
    "Thank you for choosing my shop, and I'm sorry the first impression wasn't great. I've "
    "refunded the shipping as an apology.",
    "I'm sorry for the confusion. Unfortunately I don't ship to PO boxes, but I can send it to "
    "your work address if that helps?",
    "Thank you for telling me about the typo on the mug. I'm sorry! I'll make you a corrected "
    "one this week.",
    "I'm sorry the cushion cover shrank. That shouldn't happen at 30°C. I'll send you a "
    "replacement and update my care card.",
    "Thanks so much for your patience while Royal Mail sorts this out. I'm sorry it's dragging "
    "on. I'll send a replacement if it's not found by the 15th.",
    "I'm sorry you were charged twice — that must have been alarming. I've refunded the "
    "duplicate payment and here's the receipt.",
    "I apologise for my earlier reply; it was too short. Let me explain properly: your item is "
    "made to order and ships within 10 days, and I'll message you when it does.",
    "I'm sorry the pendant's chain tarnished so soon. I'll replace it with a sterling silver one "
    "at no cost.",
    "Thank you for being so kind about this. I'm sorry the socks arrived with a hole. A new pair "
    "is in the post.",
    "I'm so sorry you've been waiting. I've just called the courier and they've promised "
    "delivery tomorrow before noon.",
    "Sorry to hear about the scratched lens. Could you send a photo? I'll replace it or refund, "
    "whichever you'd like.",
    "Oh, what a disappointing way to open a parcel. I'll get a replacement out to you ASAP and "
    "send the tracking number tonight.",
    "I'm sorry!! That's not the experience I want anyone to have. Refund sent.",
    "Per our policy, I'd normally ask for the item back, but please keep it — I'll refund you in "
    "full today. Sorry again.",
]

HOSTILE = HOSTILE_DEV + HOSTILE_HELD_OUT
KIND = KIND_DEV + KIND_HELD_OUT

#: Written after the rules, to measure them on drafts they were not designed around; the
#: first measurement is recorded in the tests' docstring.
HOSTILE_FRESH: list[str] = [
    "I'm not sure what else you want from me, I've done all I can.",
    "The tracking clearly shows it was delivered, so I'm not sending a second one.",
    "Kindly refer to the item description before contacting me again.",
    "I'm a small business, not Amazon. I can't just hand out refunds.",
    "Next time maybe order earlier if you need it by a certain date.",
    "You must be joking. That's normal wear and tear.",
    "Shipping times are estimates, I don't control Canada Post.",
    "If the colour was so important to you, why didn't you ask first?",
    "You've had it for two months and now it's a problem?",
    "I've checked and the mistake is on your side, sorry.",
    "Your review is a lie and I've reported it.",
    "I'm under no obligation to refund you.",
    "Those are the rules and they apply to everyone, including you.",
    "Sounds like user error to me.",
    "I don't see what the big deal is, it's a tiny mark.",
    "This is the last time I'm answering about this order.",
    "It was your choice to go with standard shipping.",
    "Ok and? Parcels get delayed. Not much I can do.",
    "Please stop harassing me over a £5 item.",
    "You got exactly what you paid for.",
    "It's literally in the photos. Look again.",
    "Your card was declined, that's between you and your bank.",
    "I'm frankly insulted that you'd suggest I sent a used item.",
    "Well that's what happens when you don't measure.",
    "I think you're confusing my shop with someone else's, because I'd never send something "
    "like that.",
    "The post office is a nightmare this month, blame them not me.",
    "I can't believe I have to explain this again.",
    "Whatever. Refund issued. Don't order from me again.",
    "Since you obviously know better, feel free to make one yourself.",
    "I SAID I would post it on Friday and I DID.",
    "Honestly your message was pretty rude, so I don't feel like helping.",
    "You can wait like everyone else.",
    "I'm sorry but I'm not a charity.",
    "The damage happened after delivery, not before.",
    "Not sure why you're making such a fuss about a birthday card.",
    "No. The listing was accurate.",
    "I won't respond to threats.",
    "If it doesn't fit, that's not a defect, that's you ordering the wrong size.",
    "Maybe check your spam folder before accusing me of not replying.",
    "Jesus, it's a candle. It melts. That's what candles do.",
]

KIND_FRESH: list[str] = [
    "I'm so sorry the tracking hasn't moved. I've asked the courier to investigate and I'll "
    "message you on Wednesday either way.",
    "Thank you for your patience, and sorry for the wait! Your order left today.",
    "I'm sorry, you're completely right — the description was wrong and I've corrected it. Would "
    "you like a refund or an exchange?",
    "Unfortunately Canada Post is running behind after the strike. I'm so sorry; I'll refund the "
    "shipping cost now.",
    "Oh no! I'm so sorry the bowl arrived in pieces. Don't worry about returning it, a new one is "
    "on the way.",
    "Thanks for your message. Our returns policy is 30 days, so you're well within it — I'll "
    "send a label today.",
    "I'm sorry it's not quite right. It's totally fine to send it back; I'll refund as soon as it "
    "arrives.",
    "Thank you for the lovely photos, and I'm really sorry about the chip. Would a 30% refund "
    "help, or would you prefer a replacement?",
    "I'm really sorry the colours look different. Monitors do vary, and I'd be glad to swap it.",
    "Thanks for letting me know, and sorry for the trouble! I've resent the download link.",
    "Apologies for the delay — I was unwell last week. Your necklace ships tomorrow with a "
    "little extra.",
    "I'm so sorry! That's definitely my mistake. I'll send the right one today by express post.",
    "Thank you for giving me the chance to fix this. I'm sorry the clasp broke so soon; I'll "
    "replace it free of charge.",
    "I'm sorry your parcel went missing. Unfortunately it's not showing any scans since Monday, "
    "so I'm sending a replacement now.",
    "Thanks so much for your patience!! The new batch is ready and yours goes out tomorrow.",
    "I'm sorry to hear about the mix-up with the order. It's not your fault at all — the labels "
    "got swapped at my end.",
    "I understand how disappointing this is. I'm sorry. I've refunded you in full.",
    "I'm sorry the package was damaged. I've reported it to DHL and will send a new one while "
    "they investigate.",
    "Thank you for your order and for being so kind. I'm sorry it arrived late; here's a 10% "
    "code for next time.",
    "Sorry for the confusion about sizing! I'll add clearer measurements to the listing. Would "
    "you like to exchange it?",
    "I'm truly sorry for the stress. The parcel is held at customs; I've sent them the paperwork "
    "and I'll keep you posted.",
    "Thanks for reaching out! I'm sorry the mug leaks. That's not okay, and a replacement is on "
    "its way.",
    "I'm sorry — we don't usually offer refunds on personalised items, but given the engraving "
    "error, I'll refund you fully.",
    "Hi Priya, I'm so sorry about the delay. FedEx says it will arrive tomorrow, and I've "
    "refunded your express shipping.",
    "Thank you for your honest feedback. I'm sorry the fit isn't right. I'd be happy to remake it.",
    "I'm sorry the courier left it in the wrong place. I've asked them to retrieve it, and if "
    "they can't, I'll send another.",
    "Oh, I'm so sorry! Please don't worry, these things happen. A new one will be with you by "
    "Thursday.",
    "Thank you for the reminder, and sorry I missed your earlier message. Your refund is "
    "processed now.",
    "I'm sorry your order arrived incomplete. The missing coaster will be posted today.",
    "Thanks for being so understanding. Unfortunately the item is out of stock, so I've refunded "
    "you in full. I'm sorry!",
    "I'm sorry the card arrived creased. I'll print another and post it in a hard-backed envelope.",
    "Sorry about this! The PDF had a printing error; the corrected version is attached.",
    "I'm sorry, I know waiting is frustrating. Your order is next in the queue and ships Monday.",
    "Thank you for your patience with Royal Mail. I'm so sorry it's taking this long; I'll send "
    "a replacement on Friday if it hasn't arrived.",
    "I'm very sorry for the inconvenience. As a thank you for your patience, I've included a "
    "free gift.",
    "Thanks for telling me! I'm sorry the soap arrived sweaty in the heat. It's still fine to "
    "use, but I'm happy to send a new one.",
    "I'm sorry the ring tarnished. It's not meant to do that, so I'll replace it with a "
    "sterling silver one.",
    "Thank you so much for the photos! So sorry about the broken frame. The replacement left "
    "this morning.",
    "I'm sorry I gave you the wrong date earlier. The correct delivery estimate is 12 May.",
    "I really appreciate your patience. I'm sorry the quilt isn't finished yet; I'll send "
    "progress photos this weekend.",
]

#: Written after the rules had been generalised on the sets above; measured once, untuned,
#: as the closest thing to unseen drafts (the first measurement is in the tests' docstring).
HOSTILE_LATE: list[str] = [
    "Hi, thanks for your message. Unfortunately I can't refund you because the parcel was "
    "delivered according to tracking. You'll need to speak to your local depot.",
    "Sorry, but I really don't see how this is my fault. The box was packed properly.",
    "I'm sorry you're upset, but I did exactly what the listing said.",
    "Look, I've told you three times, the parcel is in transit. Patience please.",
    "To be honest, I'm surprised anyone would complain about something this small.",
    "Frankly this is the rudest message I've had all year.",
    "With respect, you bought the item knowing the delivery times.",
    "I don't give refunds just because someone changed their mind. Sorry!",
    "It clearly says handmade. Small imperfections are part of the charm, deal with it.",
    "Once again, the item is not faulty. You are using it wrong.",
    "The post office have been useless lately, not much I can do about them.",
    "You've left me a one star review over a DELAY?? Really??",
    "I'm not refunding a used item. Period.",
    "Thanks for the lecture, but I know how to run my shop.",
    "If you're going to be like this, I'd rather you didn't shop with me.",
    "Nobody made you pick the slowest postage.",
    "sorry but that's your problem not mine",
    "Do you honestly think I'd ship a broken mug on purpose?",
    "Your complaint has been noted. No further action will be taken.",
    "i literally posted it the same day. chill.",
    "It's a HANDMADE item. It is NOT going to be identical to the photo.",
    "I'm sick and tired of people trying it on with small sellers.",
    "Maybe read the dimensions before ordering something for your tiny wrist.",
    "I have no control over what Evri does, and frankly neither do you.",
    "I've been more than patient with you.",
    "Refund? For a slight colour difference? No way.",
    "You could always just return it at your own cost, like my policy says.",
    "That sounds like a problem with your washing machine, not my shirt.",
    "As you would know if you'd read my message, the restock is in June.",
    "Please do not contact me about this again.",
    "What a shame you couldn't just send a polite message like a normal person.",
    "It's been TWO days. Relax.",
    "Not to be rude, but this is on you for giving the wrong postcode.",
    "Pretty sure you received it and are just trying your luck.",
    "I'm not sure where you got the idea that I offer free returns.",
    "Tough. The sale is final.",
    "This is exactly why I hate selling online.",
    "I'll refund you, but honestly, you people make this job miserable.",
    "Check the tracking yourself, the number is in your email.",
    "Sorry, I can't help with that. The courier has it now.",
]

KIND_LATE: list[str] = [
    "Hi Sam, thank you for your patience. Unfortunately Evri have lost your parcel, so I'm "
    "posting a replacement today by tracked delivery.",
    "I'm sorry your order didn't arrive in time. That's really disappointing, especially for a "
    "gift. I've refunded the postage and the parcel is due Tuesday.",
    "Thank you for flagging this, and sorry for the faff! I've sent the correct colour today.",
    "I'm so sorry the mug arrived broken — what a horrible thing to unwrap. A new one is on its "
    "way, no need to send anything back.",
    "Apologies for the delay in replying. Our policy allows returns within 30 days, and I'm "
    "happy to cover the return postage this time.",
    "I'm sorry the fit isn't right. Unfortunately I can't take back earrings for hygiene "
    "reasons, but I'd be glad to swap the hooks for clip-ons.",
    "Thank you for your lovely message! I'm sorry the card was bent in the post. I'll send a "
    "replacement in a rigid envelope.",
    "I'm really sorry, it looks like the courier left it at the wrong house. I've asked them to "
    "collect it and I'll send another if they can't.",
    "Thanks for getting in touch. I'm sorry the print isn't as bright as you expected — screens "
    "do vary. Would you like to exchange it for a different one?",
    "Thank you for being so patient while the post office sorts out the backlog. I'm sorry it's "
    "taking so long!",
    "I'm so sorry for the mix-up. It's completely my fault, and I've already posted the right "
    "item.",
    "Sorry to hear the candle didn't burn evenly. Could you tell me how long it burned the first "
    "time? Either way, I'll send a new one.",
    "I'm sorry you've had such a frustrating time with this order. I've refunded you in full and "
    "you're welcome to keep the item.",
    "Thanks so much for your order, and I'm sorry about the wait. Each piece is made by hand, so "
    "it takes a little longer; yours ships Friday.",
    "I'm sorry — that's not the quality I want to send out. I'll remake it this week and post it "
    "first class.",
    "Thank you for telling me! I'm sorry the lid was cracked. Please don't worry about returning "
    "it.",
    "I'm sorry the parcel was delayed at customs. It's not something I can speed up, "
    "unfortunately, but I'll keep checking and let you know when it clears.",
    "I really appreciate you letting me know. I'm sorry the zip broke; I'll send a replacement "
    "pouch today.",
    "Sorry for the confusion! The order number is #5521 and it left on Monday with Royal Mail.",
    "I'm so sorry to hear about your experience. I'd love to make it right — would a "
    "replacement or a full refund be better for you?",
    "Thanks for your patience! 😊 The tracking shows it's out for delivery today.",
    "I'm sorry you had trouble with the download. I've sent the files as a ZIP and attached the "
    "PDF instructions.",
    "Thank you for your honest review. I'm sorry the necklace tarnished; I've changed supplier "
    "and I'd like to send you a new one.",
    "I'm sorry the colour wasn't what you expected. Our policy is to accept returns on unworn "
    "items within 14 days, and I'm happy to extend that for you.",
    "Oh no, I'm sorry! It's not your fault at all — the label must have come off in transit. "
    "I'll resend it today.",
    "Thank you for your message and I'm sorry about the scratch. I'll refund 20% now, and if "
    "you'd rather return it, that's fine too.",
    "I'm sorry for the short reply earlier; I was on my phone. Let me explain properly: your "
    "parcel is with DPD and due tomorrow.",
    "Thanks for your understanding, and sorry again. The replacement is packed and goes out in "
    "the morning.",
    "I'm sorry the size guide wasn't clearer. I'll update it, and I'd be happy to exchange your "
    "jumper for a small.",
    "Thank you so much for your patience. Unfortunately the supplier let me down, so I've "
    "refunded your order in full. I'm really sorry.",
    "I'm sorry about the delay, I know you've been waiting a while. The good news: your order "
    "shipped today!",
    "Hi! Thank you for the photos. I'm sorry the box got crushed. I'll send a new vase, "
    "double-boxed this time.",
    "I'm sorry, I should have told you about the holiday closure. Your order will ship on the "
    "3rd, and I've added a small gift.",
    "Thanks for your patience with this. I'm sorry the tracking was wrong; the correct number is "
    "below.",
    "I'm so sorry your item arrived damaged. Would you be able to send me a photo? Then I'll "
    "arrange a replacement or refund, whichever you prefer.",
    "I'm sorry the earrings are heavier than you hoped. The weight is in the description, but I "
    "know it's easy to miss, so I'm happy to refund you.",
    "Thank you for letting me know, and I'm sorry it's been stressful. I've opened a claim and "
    "will update you by Friday.",
    "Unfortunately the blue mug is sold out, I'm sorry! I'll refund you straight away, or I can "
    "make one for you in about two weeks.",
    "I'm sorry for the inconvenience, and thank you for bearing with me. Your refund will show "
    "in 3–5 working days.",
    "Thank you for your kind words, and sorry the ribbon was missing. I'll pop one in the post "
    "today.",
]

#: Written after the rules had been generalised on every set above; measured once, untuned (the
#: figures are in ``test_tone.py``), then used to generalise the phrase rules once more.
HOSTILE_FINAL: list[str] = [
    "I can assure you the item was in perfect condition when it left.",
    "Honestly, some people just love to complain.",
    "Can you not read? It says 5-7 working days.",
    "Nope, not refunding. You opened it.",
    "Well maybe you should've thought about that before you bought it.",
    "I'm not going to replace something you clearly damaged yourself.",
    "You're getting a refund but I'm blocking you after this.",
    "That's a you issue, not a me issue.",
    "The courier says they delivered it, so I'm inclined to believe them over you.",
    "I don't have to justify my prices to you.",
    "It's called handmade for a reason.",
    "Refunded. Happy?",
    "Stop wasting my time with this nonsense.",
    "I'm sorry but I'm not psychic, you never told me it was a gift.",
    "You agreed to the terms at checkout, so there's nothing to discuss.",
    "Don't blame me for Royal Mail's incompetence.",
    "Maybe try being polite next time and you'll get a faster answer.",
    "I literally can't do anything until the post office investigates. Wait.",
    "If you had chosen tracked shipping this wouldn't be an issue.",
    "Your photos prove nothing.",
    "FOR THE LAST TIME, IT HAS BEEN SHIPPED.",
    "ugh fine, I'll send another one",
    "Look, it's not like I threw it at the postman.",
    "I've got better things to do than chase your parcel.",
    "Bit dramatic for a £4 keyring, don't you think?",
    "Nobody else has had this problem, so I'm not sure what you did.",
    "This is a scam and you know it.",
    "You'll get a refund when I get the item back and not a second before.",
    "Seriously, do you think I have time to reply at midnight?",
    "It's obviously been used. No refund.",
    "That's rich coming from someone who paid late.",
    "We are not responsible for items lost by the carrier. Please refer to our FAQ.",
    "Sorry not sorry, the sale was final.",
    "I don't know why you're so angry, it's only a mug.",
    "Please educate yourself on how handmade ceramics work.",
    "Thanks for nothing, I guess.",
    "Whatever makes you happy. Refund sent.",
    "I think you'll find the colour is exactly as shown.",
    "Kindly stop emailing me every hour.",
    "If you'd bothered to check your spam folder you'd have seen my email.",
]

KIND_FINAL: list[str] = [
    "I'm so sorry, that's not the experience I want for you. I'll send a replacement today.",
    "Thank you for letting me know about the delay. Royal Mail has it at the depot, and I'll "
    "message you if it hasn't moved by Thursday.",
    "I'm really sorry the necklace broke. Please send me a photo and I'll repair or replace "
    "it, whichever you prefer.",
    "Sorry for the wait, and thank you for being patient! Your order went out this morning.",
    "Oh no, I'm so sorry to hear that! Could you tell me a bit more about what happened?",
    "Thanks so much for your message. Unfortunately that colour has sold out, but I'd be "
    "happy to refund you or suggest something similar.",
    "I completely understand. I'm sorry it didn't work out, and I've refunded you in full.",
    "I'm sorry the parcel arrived wet. That must have been disappointing. A new print is on "
    "its way, packed in a waterproof sleeve.",
    "Thank you for your feedback, it really helps me improve. I'm sorry the sizing was off; "
    "I'll send the larger size free of charge.",
    "Apologies! I've double-checked and the wrong earrings went out. The right pair will be "
    "with you by Friday.",
    "I'm sorry for any confusion. Our returns policy gives you 30 days, and I'm happy to "
    "take it back.",
    "So sorry about this! Please keep the damaged one and I'll pop a new one in the post.",
    "Thanks for your patience while I looked into this. The courier confirmed it's delayed; "
    "I'll keep you updated.",
    "I'm sorry you had to chase me for an answer. Here's your tracking number: RR123456789GB.",
    "Thank you for being so understanding! I'm sorry it's late. It's not your fault at all "
    "that the address label was smudged.",
    "I'm sorry it wasn't what you expected. I'd love to make it right. Would you prefer an "
    "exchange or a refund?",
    "Thank you for choosing my shop. I'm so sorry the candle arrived cracked. A replacement "
    "goes out tomorrow.",
    "I'm sorry, I should have checked the order more carefully. I've sent the missing piece today.",
    "Thanks for reaching out. Unfortunately the post office lost your parcel, and I'm really "
    "sorry. I've sent a new one by tracked mail.",
    "Sorry to hear the delivery was late! I've refunded your shipping as a small apology.",
    "I'm truly sorry for the trouble. I've issued a full refund, and you don't need to send "
    "anything back.",
    "Thank you for telling me. I'm sorry the ring turned your finger green; I'll replace it "
    "with a sterling silver one.",
    "I'm sorry — I know how frustrating waiting can be. Your order is being made now and "
    "will ship Monday.",
    "Thanks for your lovely message, and sorry the bag strap came loose. I'll send a new "
    "strap this week.",
    "I'm sorry about the mix-up with the colours. I'll send the right one today, and please "
    "keep the other as a gift.",
    "I'm really sorry. Customs are holding a lot of parcels right now; I've contacted them "
    "and will update you.",
    "Thank you for your patience!! I'm so sorry it's taken this long. It's on its way now.",
    "I appreciate you letting me know. I'm sorry the lid is stiff; here are a couple of "
    "tips, and if it still sticks I'll replace it.",
    "Sorry for the short notice! Your custom order will be a few days late, and I've added a "
    "small gift to say thanks for waiting.",
    "I'm sorry the soap arrived broken. Unfortunately it's a fragile bar, but that's no "
    "excuse; a new one is on its way.",
    "Thank you for your honest review. I'm sorry you were disappointed, and I've reached out "
    "privately to make it right.",
    "I'm so sorry the glass was chipped. Please don't hurt yourself; just bin it and I'll "
    "send another.",
    "Thanks for your patience with the USPS delays! I'm sorry it's slow; I'll refund the "
    "postage if it's not there by Tuesday.",
    "I'm sorry, you're right, the listing photo was misleading. I've updated it and I'm "
    "happy to refund you.",
    "Thank you for your message, and I'm sorry about the delay. I've checked with DPD and it "
    "should be with you tomorrow.",
    "I'm sorry it arrived after the birthday. That's really disappointing, and I've refunded "
    "the express postage.",
    "Sorry about the typo on your mug! I'll make a corrected one and send it this week at no "
    "charge.",
    "Thank you for flagging this. I'm sorry the zip broke. Would you like a replacement or a "
    "partial refund?",
    "I'm so sorry your parcel is missing. I've filed a claim and a replacement will leave "
    "tomorrow morning.",
    "Thanks for getting back to me! I'm sorry the first fix didn't work; I'll send a brand "
    "new one.",
]
